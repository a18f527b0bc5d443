package org.ptreplay.tools.workload;

import org.ptreplay.tools.plugin.PluginLoader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.core.value.VmaInfo;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.trace.TraceEvent;

/**
 * The generators predict every result (addresses of mmap and mremap, brk, fork); replaying their
 * traces through the simulated kernel must give the same ones: zero divergences. For bigheap this
 * is the check that its placement model agrees with the kernel model's.
 */
class ReplayAgreementTest {
    private static final Providers REGISTRY = PluginLoader.load(List.of());

    private static SimResult replay(String arch, String thp, List<TraceEvent> events) {
        Architecture a = REGISTRY.require(ProviderKind.ARCHITECTURE, arch);
        Kernel kernel = new Kernel(SimConfig.builder(a).thp(ThpSpec.parse(thp)).build());
        return kernel.replay(events);
    }

    private static void assertNoDivergence(String arch, String thp, Generator g, Map<String, String> params) {
        SimResult r = replay(arch, thp, Generated.events(g, params));
        assertEquals(List.of(), r.divergences(), g.name() + " " + params + " on " + arch);
    }

    @Test
    void bigheapAgreesWithTheKernelOnX86() {
        // 8 MiB: moves at calls 4 … 128; two cycles, the second below the raised threshold.
        assertNoDivergence("x86", "", new Bigheap(), Map.of("limit", "8M", "cycles", "2"));
        // 40 MiB: the freed chunk is over 32 MiB, so the second cycle maps again, below the libraries.
        assertNoDivergence("x86", "", new Bigheap(), Map.of("limit", "40M", "cycles", "2", "growth", "256K"));
        // 4 KiB steps: many heap growths into top and through the break, with trims, before the first mmap.
        assertNoDivergence("x86", "", new Bigheap(), Map.of("limit", "1M", "cycles", "3", "growth", "4K"));
    }

    @Test
    void bigheapAgreesWithTheKernelOnArm64WithItsLayout() {
        assertNoDivergence("arm64", "", new Bigheap(), Map.of("limit", "8M", "arch", "arm64"));
    }

    @Test
    void bigheapUnderTransparentHugepagesStillAgrees() {
        assertNoDivergence("x86", "enabled=always", new Bigheap(), Map.of("limit", "12M"));
    }

    /** The failure case: an x86 layout replayed on arm64 (another mmap_base) diverges, and the replay says so. */
    @Test
    void aBigheapTraceForTheX86LayoutReplaysOnArm64() {
        // The kernel model learns each process's randomised mmap_base from its first unhinted mmap,
        // so a trace recorded (or generated) on one address-space layout replays on another.
        assertNoDivergence("arm64", "", new Bigheap(), Map.of("limit", "1M", "arch", "x86"));
    }

    @Test
    void benchmarksAgreeOnBothArchitectures() {
        for (String arch : List.of("x86", "arm64")) {
            assertNoDivergence(arch, "64K=always", new JainMremap(), Map.of("iterations", "3"));
            assertNoDivergence(arch, "", new ForkBench(), Map.of("size", "8M"));
            assertNoDivergence(arch, "", new MunmapBench(), Map.of("size", "8M"));
            for (String align : List.of("pud", "pmd", "unaligned")) {
                assertNoDivergence(arch, "enabled=always", new MremapLarge(), Map.of("size", "6M", "moves", "3", "align", align));
            }
        }
    }

    /**
     * jain-mprotect replays without divergence for each of his test cases, and its T1 leaves every
     * THP PTE-mapped before the loop, as his pte_map_thps does: one {@code __split_huge_pmd} (one
     * PTL each) per 2 MiB of the 6 MiB; T2 and T3 have no PMD to split.
     */
    @Test
    void jainMprotectAgreesAndPteMapsEveryThpOfTestCaseOne() {
        for (String arch : List.of("x86", "arm64")) {
            for (String folio : List.of("pmd-split", "64K", "4K")) {
                JainMprotect g = new JainMprotect();
                Map<String, String> params = Map.of("folio", folio, "size", "6M", "loops", "2");
                SimResult r = replay(arch, g.recommendedThp(params), Generated.events(g, params));
                assertEquals(List.of(), r.divergences(), folio + " on " + arch);
                long splits = r.ledger().paths().entrySet().stream()
                        .filter(e -> e.getKey().endsWith(";__split_huge_pmd"))
                        .mapToLong(e -> e.getValue().counts().get(Primitive.PTL)).sum();
                assertEquals(folio.equals("pmd-split") ? 3 : 0, splits, folio + " on " + arch);
            }
        }
    }

    /** The heap ends up where the generator says: one VMA of the last mremap length, plus brk and the libraries. */
    @Test
    void theReplayedHeapIsWhereTheGeneratorPutIt() {
        List<TraceEvent> events = new ArrayList<>(Generated.events(new Bigheap(), Map.of("limit", "512K")));
        // Drop the reset (munmap, brk) to look at the heap at its largest.
        events = events.subList(0, events.size() - 2);
        TraceEvent.Mremap last = Generated.only(events, TraceEvent.Mremap.class).get(5);
        Kernel kernel = new Kernel(SimConfig.builder(REGISTRY.require(ProviderKind.ARCHITECTURE, "x86")).build());
        kernel.replay(events);
        List<VmaInfo> vmas = kernel.vmas(1);
        assertEquals(3, vmas.size(), vmas.toString());
        assertEquals(last.result(), vmas.get(1).start());
        assertEquals(last.result() + last.newLength(), vmas.get(1).end());
    }

    /** The placement model's PMD rule against the kernel's, with an mmap no generator makes today. */
    @Test
    void pmdAlignedPlacementAgrees() {
        List<TraceEvent> events = new ArrayList<>();
        AddressSpace vm = new AddressSpace(47);
        EventOut out = new EventOut(events::add, 1);
        out.mmap(0, 0x5000, EventOut.RW, EventOut.PRIVATE_ANON, vm.mmap(0, 0x5000, true));
        out.mmap(0, 4L << 20, EventOut.RW, EventOut.PRIVATE_ANON, vm.mmap(0, 4L << 20, true));
        out.mmap(0, 0x3000, EventOut.RW, EventOut.PRIVATE_ANON, vm.mmap(0, 0x3000, true));
        assertEquals(List.of(), replay("x86", "", events).divergences());
    }
}
