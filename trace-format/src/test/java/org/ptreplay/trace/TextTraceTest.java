package org.ptreplay.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ptreplay.trace.Flags.*;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextTraceTest {

    @Test
    void printAndParseIsLossless() throws Exception {
        String text = TextTrace.format(Fixtures.HEADER, Fixtures.EVERY_KIND);
        TextTrace.Document d = TextTrace.parse(new StringReader(text), "every-kind.txt");
        assertEquals(Fixtures.HEADER, d.header());
        assertEquals(Fixtures.EVERY_KIND, d.events());
    }

    @Test
    void printAndParseIsLosslessForRandomValues() throws Exception {
        Random r = new Random(99);
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            events.add(DecoderAgreementTest.randomEvent(r, TraceEvent.Kind.values()[i % 10]));
        }
        TextTrace.Document d = TextTrace.parse(new StringReader(TextTrace.format(Fixtures.MINIMAL_HEADER, events)), "r.txt");
        assertEquals(Fixtures.MINIMAL_HEADER, d.header());
        assertEquals(events, d.events());
    }

    @Test
    void theHeaderPrintsAsDirectives() {
        assertEquals("""
                @format 1
                @producer "ptreplay-test 1"
                @source generator "fixture \\"every kind\\""
                @param "mode" "all"
                @param "seed" "42"
                @machine arch="aarch64" pagesize=4K kernel="6.8.0-test" cpus=8
                @thp "enabled" "always [madvise] never"
                @thp "hugepages-64kB/enabled" "always inherit [never]"
                @events 16
                """, TextTrace.format(Fixtures.HEADER, List.of()));
        assertEquals("@format 1\n@source unknown\n", TextTrace.format(Fixtures.MINIMAL_HEADER, List.of()));
    }

    @Test
    void eventsPrintInTheirCanonicalForm() {
        List<String> lines = Fixtures.EVERY_KIND.stream().map(TextTrace::format).toList();
        assertEquals(List.of(
                "100 mmap 0 1M prot=rw flags=private|anonymous = 0x7f0000000000",
                "100 +1500 touch 0x7f0000000000 1M write",
                "100 +200 mremap 0x7f0000000000 1M 2M flags=maymove = 0x7f0000200000",
                "100 +10 mremap 0x7f0000200000 2M 4M flags=maymove|fixed new=0x7f1000000000 = -EINVAL",
                "100 +5 munmap 0x7f0000200000 2M = 0",
                "100 +5 madvise 0x7f0000200000 64K dontneed",
                "100 +5 mprotect 0x7f0000200000 4K prot=r = -ENOMEM",
                "100 +5 brk 0x555555559123 = 0x555555559123",
                "100 +5 brk 0",
                "100 +7 fork 101 flags=vm|fs|files|sighand|thread = 101",
                "100 +7 fork 102 flags=sigchld = -EAGAIN",
                "102 +-3 exec = 0",
                "101 touch 0x7ffffffde123 1 read",
                "101 mmap 0x1000 4097 prot=r flags=shared|fixed fd=3 off=4660 = 0xffffffffffffec78",
                "101 mmap 0xfffffffffffff000 9223372036854775807 prot=rwx|sem|growsdown|growsup|0xfcfffff0 "
                        + "flags=fixed|anonymous|growsdown|denywrite|executable|locked|noreserve|populate|nonblock"
                        + "|stack|hugetlb|sync|fixed_noreplace|0xffe006cf fd=-2147483648 off=0xffffffffffffffff",
                "101 +9 exit 0",
                "100 +-9223372036854775808 exit -1 group"), lines);
    }

    @Test
    void aHandWrittenFixtureParses() throws Exception {
        String text = """
                # A bug report: mremap of a 2 MiB THP-backed region.
                @source strace "strace -f -o x.strace ./repro   # not a comment"
                @machine arch=x86_64 pagesize=4096 cpus=2

                mmap 0 2M prot=rw flags=private|anon = 0x7f0000000000     # the heap
                +2us touch 0x7f0000000000 2M write
                mremap 0x7f0000000000 2M 4M flags=MREMAP_MAYMOVE =0x7f2000000000
                200 +1ms mmap 0x7f3000000000 64k prot=PROT_READ|PROT_WRITE flags=MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED = -EEXIST
                200 madvise 0x7f3000000000 0x10000 MADV_HUGEPAGE = ?
                fork 2 flags=CLONE_VM|CLONE_VFORK|SIGCHLD = 2
                exit 0 group
                """;
        TextTrace.Document d = TextTrace.parse(new StringReader(text), "bug.txt");
        assertEquals(new TraceHeader(1, 0, "",
                new TraceHeader.Source(TraceHeader.SourceKind.STRACE, "strace -f -o x.strace ./repro   # not a comment", Map.of()),
                new TraceHeader.Machine("x86_64", 4096, "", Map.of(), 2), 0), d.header());
        assertEquals(List.of(
                new TraceEvent.Mmap(1, 0, 0, 2 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, 0x7f0000000000L),
                new TraceEvent.Touch(1, 2000, 0x7f0000000000L, 2 << 20, true),
                new TraceEvent.Mremap(1, 0, 0x7f0000000000L, 2 << 20, 4 << 20, MREMAP_MAYMOVE, 0, 0x7f2000000000L),
                new TraceEvent.Mmap(200, 1_000_000, 0x7f3000000000L, 64 << 10, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0, -EEXIST),
                new TraceEvent.Madvise(200, 0, 0x7f3000000000L, 0x10000, MADV_HUGEPAGE, TraceEvent.UNKNOWN_RESULT),
                new TraceEvent.Fork(1, 0, 2, CLONE_VM | CLONE_VFORK | 17, 2),
                new TraceEvent.Exit(1, 0, 0, true)), d.events());
    }

    @Test
    void theStreamingReaderCountsEventsAndLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.txt");
        try (TextTraceWriter w = TextTraceWriter.create(file, Fixtures.HEADER)) {
            for (TraceEvent e : Fixtures.EVERY_KIND) {
                w.write(e);
            }
        }
        try (TextTraceReader r = TextTraceReader.open(file)) {
            assertEquals(Fixtures.HEADER, r.header());
            assertEquals(-1, r.eventIndex());
            assertEquals(Fixtures.EVERY_KIND.get(0), r.next());
            assertEquals(0, r.eventIndex());
            assertEquals(10, r.lineNumber(), "9 directives, then the first event, read to find the header's end");
            assertEquals(Fixtures.EVERY_KIND.subList(1, Fixtures.EVERY_KIND.size()), r.stream().toList());
        }
        assertEquals(Fixtures.EVERY_KIND, TextTrace.parse(file).events());
        Files.writeString(dir.resolve("crlf.txt"), "@format 1\r\nexec = 0\r\n");
        assertEquals(List.of(new TraceEvent.Exec(1, 0, 0)), TextTrace.parse(dir.resolve("crlf.txt")).events());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " ~ ", quoteCharacter = '`', value = {
        "mmapp 0 4K ~ 1 ~ unknown event 'mmapp' (known: mmap, munmap, mremap, brk, madvise, mprotect, fork, exec, exit, touch).",
        "mmap 0 4K flags=private ~ 1 ~ mmap needs prot= (e.g. prot=rw).",
        "mmap 0 4K prot=rw ~ 1 ~ mmap needs flags= (e.g. flags=private|anonymous).",
        "mmap 0 prot=rw flags=private ~ 1 ~ mmap takes 2 arguments (ADDR LEN), not 1.",
        "mmap 0 4K prot=rw flags=privat ~ 1 ~ unknown mmap flag 'privat'.",
        "mmap 0 4Q prot=rw flags=private ~ 1 ~ bad number '4Q'.",
        "mmap 0 4K prot=rw flags=private mode=1 ~ 1 ~ mmap has no argument mode= (it takes prot=, flags=, fd=, off=).",
        "mmap 0 4K prot=rw prot=r flags=private ~ 1 ~ mmap has prot= twice.",
        "munmap 0 4K = -EWHAT ~ 1 ~ unknown errno 'EWHAT'.",
        "munmap 0 4K = 0 0 ~ 1 ~ '=' must be followed by exactly one result at the end of the line.",
        "touch 0 4K rw ~ 1 ~ touch needs read or write, not 'rw'.",
        "exit 0 = 0 ~ 1 ~ exit has no result.",
        "+5x exec ~ 1 ~ bad time delta '+5x' (e.g. +150, +2us, +3ms).",
        "99999999999 exec ~ 1 ~ pid '99999999999' does not fit in 32 bits.",
        "madvise 0 4K dontned ~ 1 ~ unknown madvise advice 'dontned'.",
        "fork 2 flags=vm| ~ 1 ~ empty clone flag in a list.",
        "`@producer \"x` ~ 1 ~ unterminated string.",
        "`exec\n@format 1` ~ 2 ~ the directive @format comes after the first event; directives describe the header and go first.",
        "@format 2 ~ 1 ~ format version 2 is newer than this reader supports (up to version 1); use a newer ptreplay.",
        "@features 0x4 ~ 1 ~ the trace requires features 0x4 that this reader does not know (it knows 0x0); use a newer ptreplay.",
        "@machine arch=x86_64 speed=3 ~ 1 ~ @machine takes arch=, pagesize=, kernel=, cpus=, not 'speed=3'.",
        "@source disk ~ 1 ~ unknown source kind 'disk' (known: unknown, strace, perf, generator, text).",
        "@frobnicate ~ 1 ~ unknown directive @frobnicate (known: @format, @features, @producer, @source, @param, @machine, @thp, @events).",
        "`# comment\n\n  12 +3` ~ 3 ~ the line has a pid or time but no event.",
    })
    void parseErrorsAreOneSentenceWithTheLineNumber(String text, int line, String reason) {
        TraceException e = assertThrows(TraceException.class,
                () -> TextTrace.parse(new StringReader(text.replace("\\n", "\n")), "fixture.txt"));
        assertEquals("fixture.txt: line " + line + ": " + reason, e.getMessage());
    }

    @Test
    void aVeryLongLineIsRefused() {
        String text = "exec " + "#".repeat(TextTraceReader.MAX_LINE_CHARS);
        TraceException e = assertThrows(TraceException.class, () -> TextTrace.parse(new StringReader(text), "long.txt"));
        assertEquals("long.txt: line 1: the line is longer than 65536 characters.", e.getMessage());
    }

    @Test
    void missingFilesAndDirectoriesAreReportedLikeBinaryTraces(@TempDir Path dir) {
        assertEquals(dir + ": header: is a directory, not a trace file.",
                assertThrows(TraceException.class, () -> TextTrace.parse(dir)).getMessage());
        assertEquals(dir.resolve("no.txt") + ": header: no such file.",
                assertThrows(TraceException.class, () -> TextTrace.parse(dir.resolve("no.txt"))).getMessage());
    }
}
