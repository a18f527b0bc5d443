package org.ptreplay.tools.calibrate;

import org.ptreplay.tools.plugin.PluginLoader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.core.profile.proto.Profile;
import org.ptreplay.core.profile.proto.Sourced;
import org.ptreplay.spi.loader.Providers;

/** The profile calibrate writes: read back by the bundled validator unchanged, every number sourced as it should be. */
class CalibratedProfileTest {

    static Calibration calibration() {
        return calibration(2580);
    }

    /** The fixture with the 128-page mapped mprotect median given: 2580 ns makes 10 ns per entry update. */
    static Calibration calibration(double mprotect128Mapped) {
        HostFacts facts = new HostFacts("x86", 2, 4096, "6.18.44", "Test CPU",
                List.of(new HostFacts.Cache(1, 48 << 10, 12, 64), new HostFacts.Cache(2, 1 << 20, 8, 64),
                        new HostFacts.Cache(3, 512L << 20, 0, 64)),
                "cpuid (test)", List.of("fpu", "invlpgb"));
        Map<String, Samples> m = new HashMap<>();
        put(m, "frequency", "GHz", 3.4, 3.5, 3.45);
        put(m, "latency.L1", "ns", 1.1, 1.2, 1.15);
        put(m, "latency.L2", "ns", 4.4, 4.6, 4.5);
        // The sweep stays near L2 up to 8 MiB and climbs to memory beyond: the core's share of the reported 512 MiB.
        put(m, "sweep.2097152", "ns", 10, 11, 12);
        put(m, "sweep.4194304", "ns", 12, 13, 14);
        put(m, "sweep.8388608", "ns", 15, 16, 17);
        put(m, "sweep.16777216", "ns", 80, 90, 100);
        put(m, "sweep.33554432", "ns", 95, 100, 105);
        put(m, "latency.memory", "ns", 100, 110, 120);
        // The same chase on 4 KiB pages, and the share of the huge-page chase's buffer mapped huge.
        put(m, "latency.memory.4k", "ns", 150, 160, 180);
        put(m, "latency.memory.huge_share", "share", 1, 1, 0.5);
        put(m, "xchg", "ns", 5.8, 5.9, 6.0);
        put(m, "cmpxchg", "ns", 5.8, 5.9, 6.0);
        put(m, "atomic_add", "ns", 5.5, 5.6, 5.7);
        put(m, "syscall", "ns", 100, 101, 102);
        put(m, "zero", "B/ns", 20, 21, 22);
        put(m, "copy", "B/ns", 14, 15, 16);
        put(m, "fault", "ns", 900, 1000, 1100);
        // A write fault that allocates nothing (do_wp_page's reuse) dearer than one that allocates, as under shadow paging.
        put(m, "fault.wp_reuse", "ns", 1150, 1200, 1250);
        put(m, "shadow_fill", "ns", 500, 510, 520);
        // One run in four saw a table filled whole by its first trap.
        put(m, "shadow_fill.whole_tables", "share", 0, 0.25, 0);
        // 10 ns per entry update, 490 ns per INVLPG, 300 ns per full flush.
        put(m, "mprotect.1.empty", "ns", 1000, 1000, 1000);
        put(m, "mprotect.1.mapped", "ns", 1500, 1500, 1500);
        put(m, "mprotect.64.empty", "ns", 1000, 1000, 1000);
        put(m, "mprotect.64.mapped", "ns", 1940, 1940, 1940);
        put(m, "mprotect.128.empty", "ns", 1000, 1000, 1000);
        put(m, "mprotect.128.mapped", "ns", mprotect128Mapped, mprotect128Mapped, mprotect128Mapped);
        // One page moved by mremap: 2000 - 1600 = 400 ns, less an xchg and two L1 accesses (5.9 + 2 x 1.15) = 391.8.
        put(m, "mremap.1.empty", "ns", 1600, 1600, 1600);
        put(m, "mremap.1.mapped", "ns", 2000, 2000, 2000);
        // 64 pages, one present: 2300 - 1600 = 700 ns, less the same 8.2 ns of move = 691.8 for a full flush.
        put(m, "mremap.64.empty", "ns", 1600, 1600, 1600);
        put(m, "mremap.64.one", "ns", 2300, 2300, 2300);
        put(m, "dontneed.1.empty", "ns", 1500, 1500, 1500);
        put(m, "dontneed.1.mapped", "ns", 4500, 4500, 4500);
        // clear_refs with its flush: 100 ns per young entry, (51,200 - 6,400) / 448; the write alone 40 ns.
        put(m, "clear_refs.64.empty", "ns", 20_000, 20_000, 20_000);
        put(m, "clear_refs.64.mapped", "ns", 26_400, 26_400, 26_400);
        put(m, "clear_refs.512.empty", "ns", 20_000, 20_000, 20_000);
        put(m, "clear_refs.512.mapped", "ns", 71_200, 71_200, 71_200);
        put(m, "clear_refs.64.empty.noflush", "ns", 1000, 1000, 1000);
        put(m, "clear_refs.64.mapped.noflush", "ns", 3560, 3560, 3560);
        put(m, "clear_refs.512.empty.noflush", "ns", 1000, 1000, 1000);
        put(m, "clear_refs.512.mapped.noflush", "ns", 21_480, 21_480, 21_480);
        // The second write at once finds every entry old: 15 ns per entry, the walk alone.
        put(m, "clear_refs.64.empty.old", "ns", 1000, 1000, 1000);
        put(m, "clear_refs.64.mapped.old", "ns", 1960, 1960, 1960);
        put(m, "clear_refs.512.empty.old", "ns", 1000, 1000, 1000);
        put(m, "clear_refs.512.mapped.old", "ns", 8680, 8680, 8680);
        // PMD leaves, every one PMD-mapped: 1000 ns per leaf by clear_refs, (134,000 - 100,000) / 34;
        // 300 ns per call by the mprotect toggle, (60,200 - 50,000) / 34.
        put(m, "leaf_refs.34", "ns", 100_000, 100_000, 100_000);
        put(m, "leaf_refs.68", "ns", 134_000, 134_000, 134_000);
        put(m, "leaf_mprotect.34", "ns", 50_000, 50_000, 50_000);
        put(m, "leaf_mprotect.68", "ns", 60_200, 60_200, 60_200);
        for (String n : List.of("leaf_refs.34", "leaf_refs.68", "leaf_mprotect.34", "leaf_mprotect.68")) {
            put(m, n + ".huge_share", "share", 1, 1, 1);
        }
        return new Calibration(facts, m, Instant.parse("2026-12-07T09:00:00Z"), Duration.ofSeconds(12), 3, true);
    }

    private static void put(Map<String, Samples> m, String name, String unit, double... v) {
        m.put(name, new Samples(name, unit, java.util.Arrays.stream(v).boxed().toList()));
    }

    static Profile genericX86() throws Exception {
        Providers registry = PluginLoader.load(List.of());
        return BundledProfiles.of(registry).stream().filter(p -> p.name().equals("generic-x86")).findFirst()
                .orElseThrow().proto();
    }

    @Test
    void writerAndReaderRoundTrip() throws Exception {
        Profile base = genericX86();
        String text = CalibratedProfile.text(calibration(), base, "my-box");
        MachineProfile read = MachineProfiles.parse(text, "Profile file my-box.txtpb");
        assertEquals(CalibratedProfile.build(calibration(), base, "my-box"), read.proto());
        assertEquals("my-box", read.name());
    }

    @Test
    void everyNumberSaysMeasuredDerivedOrKept() throws Exception {
        MachineProfile p = MachineProfiles.parse(CalibratedProfile.text(calibration(), genericX86(), "my-box"), "t");
        Map<String, Sourced> n = p.numbers();
        assertEquals(1.15, n.get("memory.level[0].latency_ns").getValue());
        assertTrue(n.get("memory.level[0].latency_ns").getSource().contains("median of 3 samples"));
        assertTrue(n.get("memory.level[0].latency_ns").getSource().endsWith("[measured]"));
        assertTrue(n.get("memory.level[0].latency_ns").getSource().contains("2026-12-07T09:00:00Z"));
        assertEquals(8 << 20, (long) n.get("memory.level[2].size_bytes").getValue());
        assertEquals(16, n.get("memory.level[2].latency_ns").getValue());
        assertTrue(n.get("memory.level[2].associativity").getSource().startsWith("not reported by this machine; kept from generic-x86"));
        // The allocation is generic-x86's, kept: the fault's residual is the exception's.
        assertEquals(94, n.get("ops.page_alloc_ns").getValue());
        assertTrue(n.get("ops.page_alloc_ns").getSource().startsWith("kept from generic-x86 (not measured; calibrate prices"
                + " the measured fault's residual as the exception"), n.get("ops.page_alloc_ns").getSource());
        assertTrue(n.get("ops.page_alloc_ns").getSource().contains("a write fault that allocates nothing costs 1200 ns here"
                + " against 1000 ns for one that allocates"), n.get("ops.page_alloc_ns").getSource());
        assertEquals(510, n.get("ops.shadow_fill_ns").getValue());
        assertTrue(n.get("ops.shadow_fill_ns").getSource().startsWith("the first write of each 4 KiB page"));
        assertTrue(n.get("ops.shadow_fill_ns").getSource().endsWith("[measured]"));
        // 10 ns per entry update is less than the model's own per-entry charges (5.9 + 3 x 1.15 + 5.6 / 2 = 12.15).
        assertEquals(0, n.get("ops.shadow_sync_ns").getValue());
        assertTrue(n.get("ops.shadow_sync_ns").getSource().endsWith("0 [derived from measured]"));
        // fault 1000 - zeroing 4096 B / 21 B/ns (195.05) - memcg 150 cycles at 3.45 GHz (43.48) - 2 spinlocks
        // (2 x (5.9 + 1 / 3.45)) - 3 atomics (3 x 5.6) - 3 L1 accesses (3 x 1.15) - the shadow fill (510) - the
        // kept allocation (94) = 124.84 ns, above the 101 ns syscall: 124.84 x 3.45 GHz = 430.7 cycles.
        assertEquals(430.7, n.get("ops.exception_cycles").getValue(), 0.05);
        assertTrue(n.get("ops.exception_cycles").getSource().contains("and the allocation (ops.page_alloc_ns, kept: 94.00 ns)"
                + " = 124.8 ns"), n.get("ops.exception_cycles").getSource());
        assertTrue(n.get("ops.exception_cycles").getSource().contains("costs 1200 ns (median of 3, spread 8.3 %)"),
                n.get("ops.exception_cycles").getSource());
        assertTrue(n.get("ops.exception_cycles").getSource().endsWith("[derived from measured]"));
        assertEquals(391.8, n.get("x86.invlpg_ns").getValue(), 1e-9);
        assertTrue(n.get("x86.invlpg_ns").getSource().contains("a one-page VMA moved by mremap"), n.get("x86.invlpg_ns").getSource());
        assertTrue(n.get("x86.invlpg_ns").getSource().endsWith("[derived from measured]"));
        assertEquals(691.8, n.get("x86.full_flush_ns").getValue(), 1e-9);
        assertTrue(n.get("x86.full_flush_ns").getSource().startsWith("a 64-page VMA moved by mremap"), n.get("x86.full_flush_ns").getSource());
        assertTrue(n.get("x86.full_flush_ns").getSource().endsWith("[derived from measured]"));
        assertTrue(n.get("x86.ipi.base_ns").getSource().startsWith("kept from generic-x86 (not measured): "));
        assertTrue(p.cpuFeatures().get("invlpgb").getPresent());
        assertEquals(2, p.cpus());
    }

    /** The memory latency is the huge-page chase's; the 4 KiB chase and the huge share are in its source. */
    @Test
    void theMemoryLatencyIsTheHugePageChaseWithTheSmallPageOneBesideIt() throws Exception {
        Sourced dram = CalibratedProfile.build(calibration(), genericX86(), "my-box").getMemory().getDramLatencyNs();
        assertEquals(110, dram.getValue());
        assertTrue(dram.getSource().startsWith("pointer chase over 256 MiB on 2 MiB pages (MADV_HUGEPAGE, 100 % of it mapped huge)"),
                dram.getSource());
        assertTrue(dram.getSource().contains("4 KiB pages (160.0 ns, spread 18.8 %"), dram.getSource());
        assertTrue(dram.getSource().contains("each one run of its own"), dram.getSource());
    }

    /**
     * With moves of 8 and 64 page tables, the full flush is their slope: one present entry per table
     * costs 20,000 ns more over 8 tables and 48,000 over 64 than none, so (48,000 - 20,000) / 56 = 500 ns
     * per table, less an xchg and two L1 accesses (8.2 ns) = 491.8; the 16,000 ns left per call is in
     * the header. Guard-marker twins, where the probe took them, are preferred.
     */
    @Test
    void aLongMovesFlushSlopeIsTheFullFlushAndItsPerCallRestIsInTheHeader() throws Exception {
        Calibration c = calibration();
        Map<String, Samples> m = new HashMap<>(c.measurements());
        put(m, "mremap.tables.8.empty", "ns", 3000, 3000, 3000);
        put(m, "mremap.tables.8.one", "ns", 23_000, 23_000, 23_000);
        put(m, "mremap.tables.64.empty", "ns", 5000, 5000, 5000);
        put(m, "mremap.tables.64.one", "ns", 53_000, 53_000, 53_000);
        Calibration with = new Calibration(c.facts(), m, c.started(), c.took(), c.repetitions(), c.quick());
        Sourced full = CalibratedProfile.build(with, genericX86(), "my-box").getX86().getFullFlushNs();
        assertEquals(491.8, full.getValue(), 1e-9);
        assertTrue(full.getSource().contains("(4.800e+04 - 2.000e+04) / 56 = 500.0 ns per table"), full.getSource());
        assertTrue(full.getSource().endsWith("[derived from measured]"));
        String text = CalibratedProfile.text(with, genericX86(), "my-box");
        assertTrue(text.contains("# Full flushes in one long move, a present entry in each table's 496- or 504-page extent:"
                + " against none, 8 tables cost 2.000e+04 ns more and 64 tables 4.800e+04 ns: 500.0 ns per table from the"
                + " ninth on and 1.600e+04 ns per call beyond that"), text);

        // With guard-marker twins (the same tables allocated and freed, no flush) the slope is taken against them:
        // (53,000 - 13,000) - (23,000 - 9,000) = 26,000 over 56 tables = 464.3 ns, less 8.2 = 456.1.
        put(m, "mremap.tables.8.guard", "ns", 9000, 9000, 9000);
        put(m, "mremap.tables.64.guard", "ns", 13_000, 13_000, 13_000);
        Calibration guarded = new Calibration(c.facts(), m, c.started(), c.took(), c.repetitions(), c.quick());
        Sourced pure = CalibratedProfile.build(guarded, genericX86(), "my-box").getX86().getFullFlushNs();
        assertEquals(456.1, pure.getValue(), 1e-9);
        assertTrue(pure.getSource().contains("against a guard marker there instead"), pure.getSource());
        assertTrue(CalibratedProfile.text(guarded, genericX86(), "my-box").contains("against a guard marker per table, 8 tables"
                + " cost 1.400e+04 ns more and 64 tables 4.000e+04 ns: 464.3 ns per table from the ninth on"));
    }

    /** 128 mapped pages at 11,540 ns: (10,540 - 940) / 64 = 150 ns per update, 150 - 12.15 = 137.85 beyond the model's. */
    @Test
    void aDearPteUpdateBecomesTheShadowSyncPrice() throws Exception {
        Profile p = CalibratedProfile.build(calibration(11_540), genericX86(), "my-box");
        assertEquals(137.85, p.getOps().getShadowSyncNs().getValue(), 0.06);
        assertTrue(p.getOps().getShadowSyncNs().getSource().contains("/ 64 = 150.0 ns"), p.getOps().getShadowSyncNs().getSource());
        assertTrue(p.getOps().getShadowSyncNs().getSource().endsWith("[derived from measured]"));
    }

    /**
     * The single-update sync: 100 ns per young entry cleared by clear_refs with its flush, less what
     * the model charges per entry of that walk, two L1 reads, a cmpxchg and two atomics
     * (2 x 1.15 + 5.9 + 2 x 5.6 = 19.4 ns): 80.6 ns, apart from mprotect's sync.
     */
    @Test
    void theClearRefsSamplesGiveTheSingleUpdateSync() throws Exception {
        String text = CalibratedProfile.text(calibration(11_540), genericX86(), "my-box");
        Profile p = MachineProfiles.parse(text, "t").proto();
        Sourced rmw = p.getOps().getShadowSyncRmwNs();
        assertEquals(80.6, rmw.getValue(), 1e-9);
        assertTrue(rmw.getSource().contains("(5.120e+04 - 6400) / 448 = 100.0 ns"), rmw.getSource());
        assertTrue(rmw.getSource().contains("the write alone: 40.00 ns"), rmw.getSource());
        assertTrue(rmw.getSource().endsWith("[derived from measured]"), rmw.getSource());
        assertEquals(137.85, p.getOps().getShadowSyncNs().getValue(), 0.06);
        assertTrue(text.contains("# One present-PTE update by a single locked bit clear (clear_refs) costs 100.0 ns here with"
                + " its share of the full flush that follows, 40.00 ns without it, 15.00 ns for an entry already old"), text);
    }

    /** Where /proc/self/clear_refs cannot be written the probe gives no clear_refs sample: the base value is kept, and said so. */
    @Test
    void withoutTheClearRefsSamplesTheBaseValueIsKept() throws Exception {
        Calibration c = calibration();
        Map<String, Samples> m = new HashMap<>(c.measurements());
        m.keySet().removeIf(k -> k.startsWith("clear_refs."));
        String text = CalibratedProfile.text(new Calibration(c.facts(), m, c.started(), c.took(), c.repetitions(), c.quick()),
                genericX86(), "my-box");
        Sourced rmw = MachineProfiles.parse(text, "t").numbers().get("ops.shadow_sync_rmw_ns");
        assertEquals(0, rmw.getValue());
        assertTrue(rmw.getSource().startsWith("kept from generic-x86 (not measured): "), rmw.getSource());
        assertTrue(text.contains("ops.shadow_sync_rmw_ns (the probe could not write /proc/self/clear_refs here)"), text);
        assertFalse(text.contains("(clear_refs) costs"), text);
    }

    /**
     * The leaf sync: 1000 ns per PMD leaf cleared by clear_refs with its flush shared, less what the
     * model charges per leaf of that walk, two L1 reads, a cmpxchg, two atomics and the entry's
     * single-update sync (2 x 1.15 + 5.9 + 2 x 5.6 + 80.6 = 100.0 ns): 900 ns. The mprotect
     * toggle's 300 ns per leaf is in the source and the header, not in the price.
     */
    @Test
    void theLeafSamplesGiveTheLeafSync() throws Exception {
        String text = CalibratedProfile.text(calibration(11_540), genericX86(), "my-box");
        Sourced leaf = MachineProfiles.parse(text, "t").proto().getOps().getShadowLeafRmwNs();
        assertEquals(900, leaf.getValue(), 1e-9);
        assertTrue(leaf.getSource().contains("(1.340e+05 - 1.000e+05) / 34 = 1000 ns"), leaf.getSource());
        assertTrue(leaf.getSource().contains("an mprotect toggle of the same leaves: 300.0 ns per call"), leaf.getSource());
        assertTrue(leaf.getSource().contains("= 100.0 ns)"), leaf.getSource());
        assertTrue(leaf.getSource().endsWith("[derived from measured]"), leaf.getSource());
        assertTrue(text.contains("# One present 2 MiB PMD leaf, every page written before, costs 1000 ns by a single locked"
                + " update (clear_refs, with its share of the full flush that follows) and 300.0 ns per call by an mprotect"
                + " toggle"), text);
    }

    /** Leaves the kernel did not map with PMDs (AnonHugePages short in one sample) are no leaf's price: the base value is kept. */
    @Test
    void withoutPmdMappedLeavesTheBaseLeafSyncIsKept() throws Exception {
        Calibration c = calibration();
        Map<String, Samples> m = new HashMap<>(c.measurements());
        put(m, "leaf_refs.68.huge_share", "share", 1, 0.5, 1);
        String text = CalibratedProfile.text(new Calibration(c.facts(), m, c.started(), c.took(), c.repetitions(), c.quick()),
                genericX86(), "my-box");
        Sourced leaf = MachineProfiles.parse(text, "t").numbers().get("ops.shadow_leaf_rmw_ns");
        assertEquals(0, leaf.getValue());
        assertTrue(leaf.getSource().startsWith("kept from generic-x86 (not measured): "), leaf.getSource());
        assertTrue(text.contains("ops.shadow_leaf_rmw_ns (no leaf_refs samples of PMD-mapped leaves"), text);
        assertTrue(text.contains("costs (no sample) by a single locked update"), text);
    }

    /** A kernel without MADV_POPULATE_WRITE gives no shadow_fill sample: the base profile's 0 is kept, and said so. */
    @Test
    void withoutTheFillSampleTheBaseValueIsKept() throws Exception {
        Calibration c = calibration();
        Map<String, Samples> m = new HashMap<>(c.measurements());
        m.remove("shadow_fill");
        Calibration without = new Calibration(c.facts(), m, c.started(), c.took(), c.repetitions(), c.quick());
        String text = CalibratedProfile.text(without, genericX86(), "my-box");
        Sourced fill = MachineProfiles.parse(text, "t").numbers().get("ops.shadow_fill_ns");
        assertEquals(0, fill.getValue());
        assertTrue(fill.getSource().startsWith("kept from generic-x86 (not measured): "), fill.getSource());
        assertTrue(text.contains("ops.shadow_fill_ns (no MADV_POPULATE_WRITE before Linux 5.14)"));
    }

    /**
     * Without the mremap samples both flushes come from the mprotect toggles: the INVLPG is 500 - 10 ns of
     * update, the full flush 940 - 64 x 10.
     */
    @Test
    void withoutTheMremapSamplesTheFlushesComeFromMprotect() throws Exception {
        Calibration c = calibration();
        Map<String, Samples> m = new HashMap<>(c.measurements());
        m.keySet().removeIf(k -> k.startsWith("mremap."));
        Profile p = CalibratedProfile.build(new Calibration(c.facts(), m, c.started(), c.took(), c.repetitions(), c.quick()),
                genericX86(), "my-box");
        assertEquals(490, p.getX86().getInvlpgNs().getValue());
        assertTrue(p.getX86().getInvlpgNs().getSource().contains("one INVLPG = 500.0 - 10.00 ns"), p.getX86().getInvlpgNs().getSource());
        assertEquals(300, p.getX86().getFullFlushNs().getValue());
        assertTrue(p.getX86().getFullFlushNs().getSource().contains("one full flush = 940.0 - 64 x 10.00 ns"), p.getX86().getFullFlushNs().getSource());
    }

    /** The three one-page flushes side by side, the whole-table fills apart, and why page_free_ns stays kept. */
    @Test
    void headerSetsTheOnePageFlushesAndTheFillModesApart() throws Exception {
        String text = CalibratedProfile.text(calibration(), genericX86(), "my-box");
        assertTrue(text.contains("# One page present against never touched, per call (each flushes one page): mremap 400.0 ns,"
                + " mprotect 500.0 ns, MADV_DONTNEED 3000 ns."), text);
        assertTrue(text.contains("# A full flush: a 64-page mremap with one present entry costs 700.0 ns more than with none"
                + " (a lone full flush: x86.full_flush_ns unless the long moves below give it); a 64-page mprotect toggle"
                + " costs 300.0 ns beyond its 64 entry updates."), text);
        assertTrue(text.contains("# Shadow fill: in 0 % of the page tables (median of 3 runs; 0-25 %) the first trap filled"
                + " every entry"), text);
        // (4500 - 1500) - (2000 - 1600) = 2600 ns beyond the mremap's move and flush.
        assertTrue(text.contains("ops.page_free_ns (a one-page MADV_DONTNEED costs 2600 ns beyond mremap's one-page move"), text);
        // A share is not a noisy price: 0, 0.25, 0 has no warning.
        assertFalse(calibration().get("shadow_fill.whole_tables").orElseThrow().noisy());
    }

    /** On arm64 the mremap samples price no flush: no flush lines in the header, the TLBI prices kept. */
    @Test
    void anArm64ProfileHasNoX86FlushLines() throws Exception {
        Providers registry = PluginLoader.load(List.of());
        Profile arm = BundledProfiles.of(registry).stream().filter(p -> p.name().equals("generic-arm64")).findFirst()
                .orElseThrow().proto();
        String text = CalibratedProfile.text(calibration(), arm, "my-arm");
        assertFalse(text.contains("# One page present"), text);
        assertFalse(text.contains("# A full flush"), text);
        assertTrue(text.contains("arm64 TLBI, DSB and contpte_convert prices"), text);
    }

    /** On bare metal no table traps: no whole-table line. */
    @Test
    void noWholeTableLineWithoutWholeTableFills() throws Exception {
        Calibration c = calibration();
        Map<String, Samples> m = new HashMap<>(c.measurements());
        m.put("shadow_fill.whole_tables", new Samples("shadow_fill.whole_tables", "share", List.of(0.0, 0.0, 0.0)));
        String text = CalibratedProfile.text(new Calibration(c.facts(), m, c.started(), c.took(), c.repetitions(), c.quick()),
                genericX86(), "my-box");
        assertFalse(text.contains("# Shadow fill:"), text);
    }

    /**
     * With the 512-page toggle the update is taken 448 entries apart: (d512 - d64) / 448. Here the
     * 128-page sample is noise below the 64-page one, and the 512-page one gives the update:
     * (11140 - 1000) - (1940 - 1000) = 9200 ns over 448 entries = 20.54 ns.
     */
    @Test
    void theWidestToggleGivesTheUpdate() throws Exception {
        Calibration c = calibration(1900);
        Map<String, Samples> m = new HashMap<>(c.measurements());
        put(m, "mprotect.512.empty", "ns", 1000, 1000, 1000);
        put(m, "mprotect.512.mapped", "ns", 11140, 11140, 11140);
        String text = CalibratedProfile.text(new Calibration(c.facts(), m, c.started(), c.took(), c.repetitions(), c.quick()),
                genericX86(), "my-box");
        assertTrue(text.contains("# One present-PTE update by mprotect costs 20.54 ns here"), text);
        assertTrue(text.contains("toggles of 512 and 64 populated pages"), text);
    }

    @Test
    void headerStatesThePteUpdateCostOrThatNoiseHidIt() throws Exception {
        // (2580 - 1000) - (1940 - 1000) = 640 ns over 64 more entries: 10 ns each.
        assertTrue(CalibratedProfile.text(calibration(), genericX86(), "my-box")
                .contains("# One present-PTE update by mprotect costs 10.00 ns here"));
        // A 128-page run faster than the 64-page one is noise, not a negative cost.
        String noisy = CalibratedProfile.text(calibration(1900), genericX86(), "my-box");
        assertTrue(noisy.contains("# One present-PTE update by mprotect could not be derived here"), noisy);
        assertFalse(noisy.contains("costs -"), noisy);
    }

    /** A fault whose residual is below the syscall's entry and exit prices its exception as the syscall's. */
    @Test
    void anExceptionIsNeverCheaperThanTheSyscall() throws Exception {
        Calibration c = calibration();
        Map<String, Samples> m = new HashMap<>(c.measurements());
        put(m, "fault", "ns", 800, 800, 800);
        m.remove("fault.wp_reuse");
        Profile p = CalibratedProfile.build(new Calibration(c.facts(), m, c.started(), c.took(), c.repetitions(), c.quick()),
                genericX86(), "my-box");
        // 800 - 675.16 = -75.16 ns: below the 101 ns syscall, so 101 x 3.45 = 348.5 cycles.
        assertEquals(348.5, p.getOps().getExceptionCycles().getValue(), 0.05);
        assertTrue(p.getOps().getExceptionCycles().getSource().contains("not above the measured syscall entry and exit (101.0 ns)"),
                p.getOps().getExceptionCycles().getSource());
        assertEquals(94, p.getOps().getPageAllocNs().getValue());
        assertFalse(p.getOps().getPageAllocNs().getSource().contains("fault.wp_reuse"), p.getOps().getPageAllocNs().getSource());
    }

    /**
     * With the one-page-extent moves, the INVLPG is their slope against the guard-marker twins: 8 tables
     * cost 12,000 ns more, 64 tables 40,000, so (40,000 - 12,000) / 56 = 500 ns per table, less an xchg
     * and two L1 accesses (8.2 ns) = 491.8; 8,000 ns per call in the header, and the slope against none.
     */
    @Test
    void aLongMovesSinglePageFlushSlopeIsTheInvlpg() throws Exception {
        Calibration c = calibration();
        Map<String, Samples> m = new HashMap<>(c.measurements());
        put(m, "mremap.small.8.empty", "ns", 3000, 3000, 3000);
        put(m, "mremap.small.8.guard", "ns", 10_000, 10_000, 10_000);
        put(m, "mremap.small.8.one", "ns", 22_000, 22_000, 22_000);
        put(m, "mremap.small.64.empty", "ns", 5000, 5000, 5000);
        put(m, "mremap.small.64.guard", "ns", 60_000, 60_000, 60_000);
        put(m, "mremap.small.64.one", "ns", 100_000, 100_000, 100_000);
        Calibration with = new Calibration(c.facts(), m, c.started(), c.took(), c.repetitions(), c.quick());
        Sourced invlpg = CalibratedProfile.build(with, genericX86(), "my-box").getX86().getInvlpgNs();
        assertEquals(491.8, invlpg.getValue(), 1e-9);
        assertTrue(invlpg.getSource().contains("against a guard marker there instead"), invlpg.getSource());
        assertTrue(invlpg.getSource().contains("(4.000e+04 - 1.200e+04) / 56 = 500.0 ns per table"), invlpg.getSource());
        assertTrue(invlpg.getSource().endsWith("[derived from measured]"));
        String text = CalibratedProfile.text(with, genericX86(), "my-box");
        // Against none: (95,000 - 19,000) / 56 = 1357 ns per table, 19,000 - 8 x 1357 = 8143 ns per call.
        assertTrue(text.contains("# Single-page flushes in one long move, a present entry in each table's one-page extent:"
                + " against a guard marker per table, 8 tables cost 1.200e+04 ns more and 64 tables 4.000e+04 ns: 500.0 ns"
                + " per table from the ninth on and 8000 ns per call beyond that; against none, 8 tables cost 1.900e+04 ns"
                + " more and 64 tables 9.500e+04 ns: 1357 ns per table from the ninth on and 8143 ns per call beyond"
                + " that"), text);

        // A kernel without guard markers: the slope against none, which says what it holds besides the flush.
        m.remove("mremap.small.8.guard");
        m.remove("mremap.small.64.guard");
        Sourced againstNone = CalibratedProfile.build(new Calibration(c.facts(), m, c.started(), c.took(), c.repetitions(),
                c.quick()), genericX86(), "my-box").getX86().getInvlpgNs();
        assertEquals(1349, againstNone.getValue(), 0.5);
        assertTrue(againstNone.getSource().contains("a page table allocated and one freed"), againstNone.getSource());

        // A slope that noise made negative gives no price: the lone one-page move's is taken.
        put(m, "mremap.small.64.one", "ns", 10_000, 10_000, 10_000);
        Sourced lone = CalibratedProfile.build(new Calibration(c.facts(), m, c.started(), c.took(), c.repetitions(), c.quick()),
                genericX86(), "my-box").getX86().getInvlpgNs();
        assertEquals(391.8, lone.getValue(), 1e-9);
    }

    /**
     * The pair-line prefetcher is Intel's: kept and marked on an Intel CPU, off with a reason on
     * another vendor's; the validator accepts both.
     */
    @Test
    void pairLinesAreKeptOnIntelAndOffElsewhere() throws Exception {
        Calibration c = calibration();
        for (String model : List.of("Intel(R) Xeon(R) Gold 6430", "AMD EPYC 9B45")) {
            HostFacts f = c.facts();
            HostFacts facts = new HostFacts(f.arch(), f.cpus(), f.pageSize(), f.kernelRelease(), model, f.caches(),
                    f.cacheSource(), f.cpuFlags());
            Calibration on = new Calibration(facts, c.measurements(), c.started(), c.took(), c.repetitions(), c.quick());
            String text = CalibratedProfile.text(on, genericX86(), "my-box");
            var pf = MachineProfiles.parse(text, "t").proto().getMemory().getPrefetcher();
            assertTrue(pf.getEnabledSource().startsWith("kept from generic-x86 (not measured): "), pf.getEnabledSource());
            if (model.startsWith("Intel")) {
                assertTrue(pf.getPairLines());
                assertTrue(pf.getPairLinesSource().startsWith("kept from generic-x86 (not measured): the spatial prefetcher"),
                        pf.getPairLinesSource());
            } else {
                assertFalse(pf.getPairLines());
                assertTrue(pf.getPairLinesSource().startsWith("off: this CPU (AMD EPYC 9B45, /proc/cpuinfo at"),
                        pf.getPairLinesSource());
            }
        }
    }
}
