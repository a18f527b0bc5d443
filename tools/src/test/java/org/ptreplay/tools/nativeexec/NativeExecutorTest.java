package org.ptreplay.tools.nativeexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.core.value.ThpSpec;

/**
 * The executor on small traces, on this machine's kernel. Needs a C compiler for the probe and
 * Linux: skipped (and says so) without them. THP goes through a fake sysfs directory, so neither
 * root nor the machine's real settings are involved.
 */
class NativeExecutorTest {
    private static Probe probe;

    @BeforeAll
    static void compile(@TempDir Path cache) {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "skipped: the native executor needs Linux");
        assumeTrue(Probe.compiler(System.getenv()).isPresent(), "skipped: no C compiler (cc, gcc, clang) on the PATH");
        try {
            probe = Probe.obtain(Map.of("PATH", System.getenv("PATH"), "XDG_CACHE_HOME", cache.toString()));
        } catch (ProbeUnavailableException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A fake THP sysfs: madvise, with 64K and 2M sizes. */
    static ThpSysfs fakeSysfs(Path dir, boolean mayWrite) throws IOException {
        Files.writeString(dir.resolve("enabled"), "always [madvise] never\n");
        Files.writeString(dir.resolve("hpage_pmd_size"), "2097152\n");
        for (String size : List.of("64kB", "2048kB")) {
            Files.createDirectories(dir.resolve("hugepages-" + size));
            Files.writeString(dir.resolve("hugepages-" + size + "/enabled"),
                    size.equals("2048kB") ? "always [inherit] madvise never\n" : "always inherit madvise [never]\n");
        }
        return new ThpSysfs(dir, mayWrite);
    }

    private static NativeRun run(String text, ThpSysfs sysfs, ThpSpec thp) throws Exception {
        return new NativeExecutor(probe, sysfs, Long.MAX_VALUE).execute("t.txt", 0,
                EventScriptTest.events(text).iterator(), thp, 2, s -> { });
    }

    /** Every kind, and a fork whose child touches, moves and unmaps its own copy before it exits. */
    static final String EVERY_KIND = """
            brk 0 = 0x5000000
            brk 0x5021000 = 0x5021000
            mmap 0x7e0000000000 1M prot=rw flags=private|anonymous = 0x7e0000000000
            touch 0x7e0000000000 1M write
            madvise 0x7e0000000000 64K dontneed = 0
            mprotect 0x7e0000000000 4K prot=r = 0
            touch 0x7e0000000000 8K read
            mprotect 0x7e0000000000 4K prot=rw = 0
            mremap 0x7e0000000000 1M 2M flags=maymove = 0x7e0000200000
            fork 2 = 2
            2 touch 0x7e0000200000 64K write
            2 mremap 0x7e0000200000 64K 64K flags=maymove|fixed new=0x7e0001000000 = 0x7e0001000000
            2 munmap 0x7e0001000000 64K = 0
            2 exit 0
            munmap 0x7e0000200000 2M = 0
            """;

    @Test
    void everyEventKindRunsAndIsTimed(@TempDir Path dir) throws Exception {
        NativeRun r = run(EVERY_KIND, fakeSysfs(dir, true), ThpSpec.DEFAULT);
        assertEquals(Map.of("brk", 1L, "fork", 1L, "madvise", 1L, "mmap", 1L, "mprotect", 2L, "mremap", 2L,
                "munmap", 2L, "touch", 3L), r.calls());
        assertEquals(2, r.runs());
        assertTrue(r.samples("touch").median() > 0, r.toString());
    }

    /**
     * A heap as bigheap and malloc make it: brk moves relative to the recorded break, and the
     * touches, the madvise and the mprotect of heap pages follow it (they used to land on the
     * recorded addresses, which nothing maps here, and fault).
     */
    @Test
    void heapAccessesMoveWithTheBreak(@TempDir Path dir) throws Exception {
        NativeRun r = run("""
                brk 0 = 0x5000000
                brk 0x5021000 = 0x5021000
                touch 0x5000000 0x21000 write
                madvise 0x5000000 4K dontneed = 0
                mprotect 0x5001000 4K prot=r = 0
                touch 0x5001000 4K read
                mprotect 0x5001000 4K prot=rw = 0
                brk 0x5000000 = 0x5000000
                """, fakeSysfs(dir, true), ThpSpec.DEFAULT);
        assertEquals(Map.of("brk", 2L, "madvise", 1L, "mprotect", 2L, "touch", 2L), r.calls());
    }

    /** On one CPU (validate --local): the same events, the fork's child too, and a note that says so. */
    @Test
    void onOneCpuTheRunsSayTheyStayedOnIt(@TempDir Path dir) throws Exception {
        NativeRun r = new NativeExecutor(probe, fakeSysfs(dir, true), Long.MAX_VALUE).onOneCpu().execute("t.txt", 0,
                EventScriptTest.events(EVERY_KIND).iterator(), ThpSpec.DEFAULT, 1, s -> { });
        assertEquals(3L, r.calls().get("touch"));
        assertTrue(r.notes().contains("Each run's tasks stayed on one CPU, as the simulation runs them."), r.notes().toString());
        NativeRun free = run(EVERY_KIND, fakeSysfs(dir, true), ThpSpec.DEFAULT);
        assertTrue(free.notes().stream().noneMatch(n -> n.contains("one CPU")), free.notes().toString());
    }

    @Test
    void thpIsSetForTheRunsAndRestored(@TempDir Path dir) throws Exception {
        ThpSysfs sysfs = fakeSysfs(dir, true);
        NativeRun r = run("mmap 0x7e0000000000 64K prot=rw flags=private|anonymous = 0x7e0000000000\n", sysfs,
                ThpSpec.parse("64K=always"));
        assertEquals("enabled=madvise,64K=always", r.thp().toString());
        assertEquals(Map.of("enabled", "madvise", "hugepages-64kB/enabled", "never", "hugepages-2048kB/enabled", "inherit"),
                sysfs.read());
    }

    /** A second ptreplay (another root process) writing THP while the runs go is reported, not silent. */
    @Test
    void thpChangedByAnotherProcessDuringTheRunsIsAWarning(@TempDir Path dir) throws Exception {
        ThpSysfs sysfs = fakeSysfs(dir, true);
        NativeRun r = new NativeExecutor(probe, sysfs, Long.MAX_VALUE).execute("t.txt", 0,
                EventScriptTest.events("mmap 0x7e0000000000 64K prot=rw flags=private|anonymous = 0x7e0000000000\n").iterator(),
                ThpSpec.parse("64K=always"), 1, status -> {
                    try {
                        // The other process restores what it read before it ran: the kernel defaults.
                        Files.writeString(dir.resolve("hugepages-64kB/enabled"), "always inherit madvise [never]\n");
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
        assertTrue(r.notes().contains("Warning: another process changed the THP settings during the runs (they were"
                + " enabled=madvise at the end, not enabled=madvise,64K=always), so the runs' folio sizes are not known."),
                r.notes().toString());
        NativeRun undisturbed = run("mmap 0x7e0000000000 64K prot=rw flags=private|anonymous = 0x7e0000000000\n", sysfs,
                ThpSpec.parse("64K=always"));
        assertTrue(undisturbed.notes().stream().noneMatch(n -> n.contains("another process")), undisturbed.notes().toString());
    }

    /** Whether this process holds CAP_SYS_ADMIN (bit 21 of CapEff), which /proc/self/pagemap needs to show pfns. */
    private static boolean sysAdmin() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) >> 21 & 1) == 1;
            }
        }
        return false;
    }

    @Test
    void thePlacementIsAShareOfBreaksWithPfnsAndNothingWithout(@TempDir Path dir) throws Exception {
        var breaks = new NativeExecutor(probe, fakeSysfs(dir, false), Long.MAX_VALUE).placementBreaks(8 << 20);
        if (sysAdmin()) {
            assertTrue(breaks.isPresent(), "pagemap shows pfns to CAP_SYS_ADMIN");
            assertTrue(breaks.getAsDouble() >= 0 && breaks.getAsDouble() <= 1, "a share: " + breaks);
        } else {
            assertTrue(breaks.isEmpty(), "without CAP_SYS_ADMIN pagemap shows no pfns: " + breaks);
        }
    }

    @Test
    void withoutRootTheCurrentSettingsAreUsedAndTheMismatchIsOneSentence(@TempDir Path dir) throws Exception {
        NativeRun r = run("mmap 0x7e0000000000 64K prot=rw flags=private|anonymous = 0x7e0000000000\n",
                fakeSysfs(dir, false), ThpSpec.parse("64K=always"));
        assertEquals("enabled=madvise", r.thp().toString());
        assertTrue(r.notes().contains("Warning: THP is enabled=madvise here, not"
                + " enabled=madvise,64K=always as asked; without root the runs use the current settings (the"
                + " simulation beside them does too)."), r.notes().toString());
    }

    @Test
    void aSizeTheKernelLacksAnAddressInUseAndATooLargeTraceAreRefused(@TempDir Path dir) throws Exception {
        ThpSysfs sysfs = fakeSysfs(dir, true);
        assertEquals("t.txt: this kernel has no 16 KiB THP size (it offers [64, 2048] KiB)",
                assertThrows(NativeRefusal.class, () -> run("touch 0x7e0000000000 4K read\n", sysfs,
                        ThpSpec.parse("16K=always"))).getMessage());
        // The probe's own program, heap and stack lie somewhere below 2^47: a mapping over all of it is not free.
        String everything = "mmap 0x10000 0x7ffffff00000 prot=rw flags=private|anonymous|noreserve = 0x10000\n";
        String refused = assertThrows(NativeRefusal.class, () -> run(everything, sysfs, ThpSpec.DEFAULT)).getMessage();
        assertTrue(refused.startsWith("t.txt: event 0 maps [0x10000, 0x7ffffff10000), which this process already uses ("),
                refused);
        NativeExecutor small = new NativeExecutor(probe, sysfs, 1 << 20);
        assertEquals("t.txt: its largest address space is 1.00 GiB and this machine has 0.00 GiB available, so it is not run",
                assertThrows(NativeRefusal.class, () -> small.execute("t.txt", 0, EventScriptTest.events(
                        "mmap 0x7e0000000000 1G prot=rw flags=private|anonymous = 0x7e0000000000\n").iterator(),
                        ThpSpec.DEFAULT, 1, s -> { })).getMessage());
    }

    @Test
    void aCallThatFailsNativelyNamesItsEvent(@TempDir Path dir) throws Exception {
        NativeExecutor.NativeFailure e = assertThrows(NativeExecutor.NativeFailure.class, () -> run(
                "touch 0x7e0000000000 4K read\nmunmap 0x7e0000000001 4K = 0\n", fakeSysfs(dir, true), ThpSpec.DEFAULT));
        // The touch of an unmapped page faults first: event 0.
        assertEquals("t.txt: event 0: a touch faulted (SIGSEGV): the page is not mapped, or not accessible.", e.getMessage());
    }
}
