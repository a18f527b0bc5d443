package org.ptreplay.trace.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ptreplay.trace.TraceEvent.Kind.BRK;
import static org.ptreplay.trace.TraceEvent.Kind.MMAP;
import static org.ptreplay.trace.TraceEvent.Kind.MREMAP;
import static org.ptreplay.trace.TraceEvent.Kind.TOUCH;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceEvent.Touch;

class PopulateTest {
    /**
     * One call of each case Populator distinguishes. With 4 KiB pages:
     * <ol>
     *   <li>private anonymous RW, 10000 bytes: 3 pages (12288 bytes), written;</li>
     *   <li>private anonymous read-only: 2 pages, read in ALL, nothing in WRITABLE;</li>
     *   <li>PROT_NONE reservation, shared anonymous, file mapping, failed mmap: nothing;</li>
     *   <li>the first brk only tells the break (0x60000000); growing to 0x60002800 maps
     *       [0x60000000, 0x60003000) = 3 pages; shrinking to 0x60001000 maps nothing; growing
     *       to 0x60002000 maps [0x60001000, 0x60002000) = 1 page;</li>
     *   <li>mremap 12288 → 20480 bytes, moved to 0x70000000: tail [0x70003000, 0x70005000);
     *       shrinking back maps nothing.</li>
     * </ol>
     */
    private static final String CALLS = """
            9 mmap(NULL, 10000, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000000
            9 mmap(NULL, 8192, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x20000000
            9 mmap(NULL, 1048576, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE, -1, 0) = 0x30000000
            9 mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS, -1, 0) = 0x40000000
            9 mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE, 3, 0) = 0x50000000
            9 mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = -1 ENOMEM (Cannot allocate memory)
            9 brk(0x60001000) = 0x60000000
            9 brk(0x60002800) = 0x60002800
            9 brk(0x60001000) = 0x60001000
            9 brk(0x60002000) = 0x60002000
            9 mremap(0x10000000, 12288, 20480, MREMAP_MAYMOVE) = 0x70000000
            9 mremap(0x70000000, 20480, 4096, MREMAP_MAYMOVE) = 0x70000000
            """;

    @Test
    void allTouchesEveryNewlyAccessiblePage() throws Exception {
        Imported im = Imported.strace(CALLS, ImportOptions.defaults().withPopulate(Populate.ALL));
        assertEquals(List.of(
                new Touch(9, 0, 0x10000000, 12288, true),
                new Touch(9, 0, 0x20000000, 8192, false),
                new Touch(9, 0, 0x60000000, 0x3000, true),
                new Touch(9, 0, 0x60001000, 0x1000, true),
                new Touch(9, 0, 0x70003000, 0x2000, true)), im.of(Touch.class));
        // each touch directly follows its call
        assertEquals(List.of(MMAP, TOUCH, MMAP, TOUCH, MMAP, MMAP, MMAP, MMAP, BRK, BRK, TOUCH, BRK, BRK, TOUCH,
                MREMAP, TOUCH, MREMAP), im.events().stream().map(TraceEvent::kind).toList());
    }

    @Test
    void writableSkipsReadOnlyMappings() throws Exception {
        Imported im = Imported.strace(CALLS, ImportOptions.defaults().withPopulate(Populate.WRITABLE));
        assertEquals(List.of(
                new Touch(9, 0, 0x10000000, 12288, true),
                new Touch(9, 0, 0x60000000, 0x3000, true),
                new Touch(9, 0, 0x60001000, 0x1000, true),
                new Touch(9, 0, 0x70003000, 0x2000, true)), im.of(Touch.class));
    }

    @Test
    void noneAddsNothing() throws Exception {
        Imported im = Imported.strace(CALLS, ImportOptions.defaults());
        assertEquals(List.of(), im.of(Touch.class));
        assertEquals(12, im.events().size());
    }

    @Test
    void touchesFollowThePageSize() throws Exception {
        // 16 KiB pages: 10000 bytes round up to one page; brk growth from 0x60000000 to
        // 0x60002800 rounds up to 0x60004000
        Imported im = Imported.strace("""
                9 mmap(NULL, 10000, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000000
                9 brk(NULL) = 0x60000000
                9 brk(0x60002800) = 0x60002800
                """, ImportOptions.defaults().withPopulate(Populate.ALL).withPageSize(16384));
        assertEquals(List.of(
                new Touch(9, 0, 0x10000000, 16384, true),
                new Touch(9, 0, 0x60000000, 0x4000, true)), im.of(Touch.class));
    }

    @Test
    void forkedProcessKeepsItsOwnBreakAndExecForgetsIt() throws Exception {
        // the child copies the break (0x60000000); its growth to 0x60001000 is one page. The
        // parent's later growth to 0x60002000 starts from its own break, two pages. After exec
        // the break is unknown again, so the first brk touches nothing.
        Imported im = Imported.strace("""
                1 brk(NULL) = 0x60000000
                1 clone(child_stack=NULL, flags=SIGCHLD) = 2
                2 brk(0x60001000) = 0x60001000
                1 brk(0x60002000) = 0x60002000
                2 execve("/bin/true", ["true"], 0x1 /* 1 var */) = 0
                2 brk(0x70001000) = 0x70001000
                """, ImportOptions.defaults().withPopulate(Populate.ALL));
        assertEquals(List.of(
                new Touch(2, 0, 0x60000000, 0x1000, true),
                new Touch(1, 0, 0x60000000, 0x2000, true)), im.of(Touch.class));
    }

    @Test
    void modesParseFromTheirKeys() {
        assertEquals(Populate.WRITABLE, Populate.parse(" Writable"));
        assertEquals("Unknown populate mode 'some': expected one of none, all, writable.",
                assertThrows(IllegalArgumentException.class, () -> Populate.parse("some")).getMessage());
    }
}
