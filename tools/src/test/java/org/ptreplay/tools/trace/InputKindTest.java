package org.ptreplay.tools.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ptreplay.trace.Codec;
import org.ptreplay.trace.FileSniffer;

class InputKindTest {

    private static Optional<InputKind> detect(String text) {
        return InputKind.detect(new FileSniffer.Sniff(Codec.NONE, false, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void straceWithAndWithoutPidsAndTimes() {
        assertEquals(Optional.of(InputKind.STRACE), detect("17934 1795314667.526188 execve(\"/usr/bin/java\", [\"java\"]) = 0\n"));
        assertEquals(Optional.of(InputKind.STRACE), detect("brk(NULL)                               = 0x55d0c4a2c000\n"));
        assertEquals(Optional.of(InputKind.STRACE), detect("[pid  4242] 12:01:02.123456 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 3, 0) = 0x7f\n"));
        assertEquals(Optional.of(InputKind.STRACE), detect("17962 1795314667.672231 +++ exited with 0 +++\n"));
        assertEquals(Optional.of(InputKind.STRACE), detect("mmap(NULL"), "a whole file of one unfinished line");
    }

    @Test
    void perfScript() {
        assertEquals(Optional.of(InputKind.PERF), detect("         python3 19567/19567   866.676448373:    "
                + "exceptions:page_fault_user: address=0x7f598e126b70 ip=0x7f598e126b70 error_code=0x14\n"));
        assertEquals(Optional.of(InputKind.PERF), detect("C2 CompilerThre 19568 [001] 866.1: syscalls:sys_exit_mmap: 0x7f\n"));
    }

    @Test
    void textFormAfterCommentsAndDirectives() {
        assertEquals(Optional.of(InputKind.TEXT), detect("# a fixture\n\n@format 1\n100 mmap 0 64K prot=rw flags=private|anonymous\n"));
        assertEquals(Optional.of(InputKind.TEXT), detect("# only an event\n1 +150 munmap 0x7f0000000000 64K = 0\n"));
        assertEquals(Optional.of(InputKind.TEXT), detect("mmap 0 2M prot=rw flags=private|anonymous = 0x7f0000000000\n"),
                "pid and delta are optional");
        assertEquals(Optional.of(InputKind.TEXT), detect("+2us touch 0x7f0000000000 2M write\n"));
        assertEquals(Optional.of(InputKind.TEXT), detect("exec # no arguments\n"));
    }

    @Test
    void aBinaryTraceIsKnownFromItsHeaderNotItsText() {
        assertEquals(Optional.of(InputKind.PTRACE), InputKind.detect(new FileSniffer.Sniff(Codec.ZSTD, true, new byte[] {1})));
    }

    @Test
    void anythingElseIsUnknown() {
        assertEquals(Optional.empty(), detect("hello, world\n"));
        assertEquals(Optional.empty(), detect("# just a comment\n"));
    }
}
