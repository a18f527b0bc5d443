package org.ptreplay.tools.calibrate;

import com.google.protobuf.TextFormat;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ptreplay.core.profile.proto.CacheLevel;
import org.ptreplay.core.profile.proto.CpuFeature;
import org.ptreplay.core.profile.proto.Memory;
import org.ptreplay.core.profile.proto.Ops;
import org.ptreplay.core.profile.proto.Prefetcher;
import org.ptreplay.core.profile.proto.Profile;
import org.ptreplay.core.profile.proto.Sourced;

/**
 * Writes a calibration as a machine profile: every measured number says it was measured, how,
 * when, its median and its spread; numbers derived from measured ones show the arithmetic; the
 * rest are the base profile's, and say so. The text starts with a comment table of the
 * measurements (including the copy bandwidth, which no profile field holds).
 */
public final class CalibratedProfile {
    private final Calibration c;
    private final Profile base;
    private final String when;
    /** Field paths kept from the base profile, for the header. */
    private final List<String> kept = new ArrayList<>();

    private CalibratedProfile(Calibration c, Profile base) {
        this.c = c;
        this.base = base;
        this.when = c.started().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The profile named {@code name}, from the calibration and the base profile's unmeasured numbers. */
    public static Profile build(Calibration c, Profile base, String name) {
        return new CalibratedProfile(c, base).profile(name);
    }

    /** The profile file's text: the comment header, then the profile in protobuf text format. */
    public static String text(Calibration c, Profile base, String name) {
        CalibratedProfile w = new CalibratedProfile(c, base);
        Profile p = w.profile(name);
        StringBuilder out = new StringBuilder();
        HostFacts f = c.facts();
        out.append("# Written by ptreplay calibrate at ").append(w.when).append(String.format(Locale.ROOT,
                " in %.1f s (%s: %d samples per measurement).%n", c.took().toMillis() / 1000.0,
                c.quick() ? "--quick" : "full", c.repetitions()));
        out.append("# Machine: ").append(f.cpuModel()).append(", ").append(f.cpus()).append(" CPUs, ")
                .append(f.pageSize()).append("-byte pages, Linux ").append(f.kernelRelease())
                .append("; caches from ").append(f.cacheSource()).append(".\n");
        out.append("# Measured (median, spread = (max - min) / median; above 10 % the machine was busy):\n");
        for (Samples s : c.ordered()) {
            out.append(String.format(Locale.ROOT, "#   %-16s %12.4g %-5s %5.1f %%%s%n", s.name(), s.median(), s.unit(),
                    100 * s.spread(), s.noisy() ? "  NOISY" : ""));
        }
        out.append("#   (copy is recorded for reference: no profile field prices a page copy.)\n");
        if (c.get("mprotect.128.mapped").isPresent()) {
            double update = w.pteUpdateNs();
            if (update > 0) {
                out.append(String.format(Locale.ROOT, "# One present-PTE update by mprotect costs %.4g ns here (mprotect samples); what"
                        + " the model does not already charge per entry is ops.shadow_sync_ns.%n", update));
            } else {
                // A difference of two noisy medians can come out negative; a negative cost is no reading.
                out.append(String.format(Locale.ROOT, "# One present-PTE update by mprotect could not be derived here: the %d-page and"
                        + " 64-page mprotect samples differ by less than their noise (%.4g ns per PTE); ops.shadow_sync_ns is 0.%n",
                        w.widestToggle(), update));
            }
        }
        if (w.hasClearRefs("")) {
            out.append(String.format(Locale.ROOT, "# One present-PTE update by a single locked bit clear (clear_refs) costs %.4g ns"
                    + " here with its share of the full flush that follows%s%s; what the model does not already charge per"
                    + " entry is ops.shadow_sync_rmw_ns.%n", w.rmwUpdateNs(""), w.hasClearRefs(".noflush")
                    ? String.format(Locale.ROOT, ", %.4g ns without it", w.rmwUpdateNs(".noflush")) : "",
                    w.hasClearRefs(".old") ? String.format(Locale.ROOT, ", %.4g ns for an entry already old (a second"
                    + " write at once: the walk without the update; near the first, the entries were not young)",
                    w.rmwUpdateNs(".old")) : ""));
        }
        if (w.hasLeaves("refs") || w.hasLeaves("mprotect")) {
            out.append(String.format(Locale.ROOT, "# One present 2 MiB PMD leaf, every page written before, costs %s by a"
                    + " single locked update (clear_refs, with its share of the full flush that follows) and %s per call"
                    + " by an mprotect toggle (68 against 34 leaves); what the model does not already charge per leaf of the"
                    + " first, beyond the entry's single-update sync, is ops.shadow_leaf_rmw_ns.%n",
                    w.hasLeaves("refs") ? String.format(Locale.ROOT, "%.4g ns", w.leafUpdateNs("refs")) : "(no sample)",
                    w.hasLeaves("mprotect") ? String.format(Locale.ROOT, "%.4g ns", w.leafUpdateNs("mprotect")) : "(no sample)"));
        }
        w.flushHeader(out);
        c.get("shadow_fill.whole_tables").filter(s -> s.median() > 0 || Collections.max(s.values()) > 0)
                .ifPresent(s -> out.append(String.format(Locale.ROOT, "# Shadow fill: in %.0f %% of the page tables"
                        + " (median of %d runs; %.0f-%.0f %%) the first trap filled every entry, so the others did not trap;"
                        + " ops.shadow_fill_ns is the per-entry fill of the other tables, the one a fault's retried access"
                        + " pays.%n", 100 * s.median(), s.values().size(), 100 * Collections.min(s.values()),
                        100 * Collections.max(s.values()))));
        out.append("# Not measurable here, kept from ").append(base.getName()).append(": ")
                .append(String.join(", ", w.kept)).append(".\n");
        out.append(TextFormat.printer().printToString(p));
        return out.toString();
    }

    private Profile profile(String name) {
        kept.clear();
        HostFacts f = c.facts();
        double ghz = median("frequency");
        Profile.Builder p = base.toBuilder().clearMemory().clearOps().clearCpuFeatures().setName(name).setArch(f.arch())
                .setDescription("Calibrated by ptreplay calibrate at " + when + ": " + f.cpuModel() + ", Linux "
                        + f.kernelRelease() + "; what it cannot measure comes from " + base.getName());
        p.getCpuBuilder()
                .setCount(src(f.cpus(), "sysconf(_SC_NPROCESSORS_ONLN) at " + when + " [measured]"))
                .setFrequencyGhz(measured("frequency", "a chain of dependent register adds, one per cycle"));
        p.setMemory(memory());
        double l1 = p.getMemory().getLevel(0).getLatencyNs().getValue();
        double cmpxchg = median("cmpxchg");
        double atomic = median("atomic_add");
        double zero = median("zero");
        Ops b = base.getOps();
        Ops.Builder ops = Ops.newBuilder()
                .setPteAccessNs(src(l1, "the L1 load-to-use latency measured above [derived]"))
                .setXchgNs(measured("xchg", "a loop of atomic exchanges (x86 XCHG with memory, arm64 SWP) on one L1-resident line"))
                .setCmpxchgNs(measured("cmpxchg", "a loop of compare-and-exchanges (LOCK CMPXCHG, CAS) on one L1-resident line"))
                .setAtomicAddNs(measured("atomic_add", "a loop of atomic adds (LOCK XADD, LDADD) on one L1-resident line"))
                // The probe times no store-only atomic: x86 has one kind (every atomic is LOCK-prefixed),
                // arm64's posted STADD is kept from the base profile (docs/kernel-model.md §4.6).
                .setAtomicPostedNs("x86".equals(f.arch())
                        ? src(round(atomic), "x86 has one kind of atomic, every one LOCK-prefixed: the measured atomic_add [derived]")
                        : keep("ops.atomic_posted_ns", b.getAtomicPostedNs()))
                .setSpinlockNs(src(round(cmpxchg + 1 / ghz), "the measured cmpxchg + one cycle for the release store [derived]"))
                .setRwsemWriteNs(src(round(cmpxchg + atomic), "down_write cmpxchg + up_write atomic add, both measured (kernel/locking/rwsem.c fast paths) [derived]"))
                .setPageAllocNs(pageAlloc(b))
                .setPageFreeNs(keep(pageFreeNote(), b.getPageFreeNs()))
                .setZeroBytesPerNs(measured("zero", "4 KiB rep stosb / memset per page over a buffer larger than the last level, as clear_page"))
                .setSyscallNs(measured("syscall", "a loop of getppid(), entry plus exit"))
                .setMmuNotifierNs(src(l1, "one mm_has_notifiers() test when none is registered: one L1 load [derived: = pte_access_ns]"))
                .setVmaWalkNs(cycles(b.getVmaWalkNs(), "ops.vma_walk_ns", ghz))
                .setVmaStoreNs(cycles(b.getVmaStoreNs(), "ops.vma_store_ns", ghz))
                .setPteIterCycles(keep("ops.pte_iter_cycles", b.getPteIterCycles()))
                .setPteEntryCycles(keep("ops.pte_entry_cycles", b.getPteEntryCycles()))
                .setPteBatchCycles(keep("ops.pte_batch_cycles", b.getPteBatchCycles()))
                .setExceptionCycles(exception(l1, cmpxchg, atomic, zero, ghz, b.getPageAllocNs().getValue()))
                .setMemcgCycles(keep("ops.memcg_cycles", b.getMemcgCycles()))
                .setShadowFillNs(shadowFill(b))
                .setShadowSyncNs(shadowSync(l1, atomic))
                .setShadowSyncRmwNs(shadowSyncRmw(l1, atomic));
        ops.setShadowLeafRmwNs(shadowLeafRmw(l1, atomic, ops.getShadowSyncRmwNs().getValue()));
        p.setOps(ops);
        if (base.hasX86()) {
            kept.add("x86.ipi (a shootdown needs a second CPU running the same mm)");
            Flushes fl = flushes();
            p.setX86(base.getX86().toBuilder()
                    .setInvlpgNs(fl == null ? keep("x86.invlpg_ns", base.getX86().getInvlpgNs()) : fl.invlpg())
                    .setFullFlushNs(fl == null ? keep("x86.full_flush_ns", base.getX86().getFullFlushNs()) : fl.full())
                    .setIpi(base.getX86().getIpi().toBuilder()
                            .setBaseNs(keepQuiet(base.getX86().getIpi().getBaseNs()))
                            .setSlopeNs(keepQuiet(base.getX86().getIpi().getSlopeNs()))));
        } else {
            kept.add("arm64 TLBI, DSB and contpte_convert prices (TLB maintenance is not timed from user space)");
            var a = base.getArm64();
            p.setArm64(a.toBuilder()
                    .setTlbiVa(a.getTlbiVa().toBuilder().setBaseNs(keepQuiet(a.getTlbiVa().getBaseNs())).setSlopeNs(keepQuiet(a.getTlbiVa().getSlopeNs())))
                    .setTlbiRange(a.getTlbiRange().toBuilder().setBaseNs(keepQuiet(a.getTlbiRange().getBaseNs())).setSlopeNs(keepQuiet(a.getTlbiRange().getSlopeNs())))
                    .setTlbiAsid(a.getTlbiAsid().toBuilder().setBaseNs(keepQuiet(a.getTlbiAsid().getBaseNs())).setSlopeNs(keepQuiet(a.getTlbiAsid().getSlopeNs())))
                    .setDsb(a.getDsb().toBuilder().setBaseNs(keepQuiet(a.getDsb().getBaseNs())).setSlopeNs(keepQuiet(a.getDsb().getSlopeNs())))
                    .setContpteConvertNs(keepQuiet(a.getContpteConvertNs()))
                    .setTlbiPerCpuNs(keepQuiet(a.getTlbiPerCpuNs())));
        }
        for (CpuFeature feature : base.getCpuFeaturesList()) {
            if (feature.getName().equals("invlpgb") && !f.cpuFlags().isEmpty()) {
                boolean present = f.cpuFlags().contains("invlpgb");
                p.addCpuFeatures(CpuFeature.newBuilder().setName("invlpgb").setPresent(present)
                        .setSource("/proc/cpuinfo flags at " + when + (present ? " list" : " do not list") + " invlpgb [measured]"));
            } else {
                kept.add("cpu feature " + feature.getName());
                p.addCpuFeatures(feature.toBuilder().setSource("kept from " + base.getName() + ": " + feature.getSource()));
            }
        }
        return p.build();
    }

    /** The x86 flush prices from the mprotect samples, or null when the probe took none. */
    private record Flushes(Sourced invlpg, Sourced full) {
    }

    /**
     * The flushes as mremap pays them: inside long moves, one single-page flush or one full flush
     * per table ({@link #longMoveInvlpg}, {@link #longMoveFlush}); else (probe: mremap_ns) a VMA moved
     * between two page tables with one present entry against none: of one page, one entry moved and
     * a single-page flush (one INVLPG); of 64 pages, one entry moved and a full flush (above x86's
     * 33-page ceiling). Each less the model's charges for moving one entry, so no per-entry work is
     * in a flush price.
     * Without those samples, from the mprotect toggles: a single INVLPG is the one-page toggle less
     * its empty twin and one update, a full flush the 64-page toggle less its empty twin and 64
     * updates, an update being the 128-page toggle less the 64-page one, over 64 (both flush fully).
     */
    private Flushes flushes() {
        if (c.get("mprotect.128.mapped").isEmpty()) {
            return null;
        }
        double one = median("mprotect.1.mapped") - median("mprotect.1.empty");
        double d64 = median("mprotect.64.mapped") - median("mprotect.64.empty");
        int wide = widestToggle();
        double dWide = median("mprotect." + wide + ".mapped") - median("mprotect." + wide + ".empty");
        double update = pteUpdateNs();
        String how = String.format(Locale.ROOT, "mprotect toggles of whole VMAs with 1, 64 and %d populated pages"
                + " against empty twins (change_protection flushes only when it changed an entry; above 33 pages"
                + " arch/x86/mm/tlb.c flushes fully): one entry update = (%.4g - %.4g) / %d = %.4g ns", wide, dWide, d64,
                wide - 64, update);
        Sourced invlpg = longMoveInvlpg();
        if (invlpg == null) {
            invlpg = moveFlush("1", "mapped", "a one-page VMA", "one single-page flush");
        }
        if (invlpg == null) {
            invlpg = src(Math.max(0, round(one - update)), String.format(Locale.ROOT, "%s; one INVLPG = %.4g - %.4g ns"
                    + " (medians of %d samples at %s) [derived from measured]", how, one, update,
                    c.get("mprotect.1.mapped").get().values().size(), when));
        }
        Sourced full = longMoveFlush();
        if (full == null) {
            full = moveFlush("64", "one", "a 64-page VMA", "one full flush (64 pages are above x86's 33-page ceiling)");
        }
        if (full == null) {
            full = src(Math.max(0, round(d64 - 64 * update)), String.format(Locale.ROOT, "%s; one full flush = %.4g - 64 x"
                    + " %.4g ns (medians of %d samples at %s) [derived from measured]", how, d64, update,
                    c.get("mprotect.64.mapped").get().values().size(), when));
        }
        return new Flushes(invlpg, full);
    }

    /**
     * A long move's per-table slope: moves of 8 and of 64 tables, one entry of each table's part
     * present against a twin ({@code d8}, {@code d64}), the difference of the two differences over
     * the 56 tables between them. The twin is {@code guard} (a guard marker in the same place: the
     * same tables allocated and freed, no flush) or {@code empty} (nothing: the difference also
     * holds a page table allocated and one freed per table).
     */
    private record Slope(String twin, double d8, double d64) {
        double perTable() {
            return (d64 - d8) / 56;
        }

        /**
         * What the 8-table move pays beyond 8 slopes, per call: against nothing 22-32 us on PVM, which
         * the guard twin cancels (-3 to +4 us), so it is the page tables' allocation and free, not a
         * call's first flushes (docs/validation.md, run J).
         */
        double perCall() {
            return d8 - 8 * perTable();
        }
    }

    /**
     * The slope of the probe's mremap_tables_ns ({@code kind} "tables": a full flush per table) or
     * mremap_small_ns ("small": a single-page flush per table) against {@code twin}; empty when the
     * samples are missing.
     */
    private Optional<Slope> slope(String kind, String twin) {
        String at = "mremap." + kind + ".";
        if (!List.of("8.one", "8." + twin, "64.one", "64." + twin).stream().allMatch(n -> c.get(at + n).isPresent())) {
            return Optional.empty();
        }
        return Optional.of(new Slope(twin, median(at + "8.one") - median(at + "8." + twin),
                median(at + "64.one") - median(at + "64." + twin)));
    }

    /** The guard-marker slope where the kernel has guard markers (6.13+), else the slope against nothing. */
    private Optional<Slope> slope(String kind) {
        return slope(kind, "guard").or(() -> slope(kind, "empty"));
    }

    /** What the twin of a long move's slope is, for a source. */
    private static String against(Slope s) {
        return s.twin().equals("guard")
                ? "a guard marker there instead (MADV_GUARD_INSTALL: moved by move_ptes without a flush, its tables"
                        + " allocated at the destination and freed at the source as the present entry's are)"
                : "nothing there (this kernel has no guard markers: each table's difference also holds a page table"
                        + " allocated and one freed, which the model charges apart)";
    }

    /**
     * One full flush as a move of many page tables pays it: the slope of moves whose present entry
     * per table lies in an extent of 496 or 504 pages (one extent flushed fully per table), less the
     * model's charges for moving one entry. What a call pays beyond that has no price; the header
     * records it. Null without the samples, or when the slope is not positive (noise).
     */
    private Sourced longMoveFlush() {
        return perTableFlush("tables", "VMAs of 8 and 64 page tables moved by mremap between spots whose offsets into"
                + " their tables differ, so every extent moves entry by entry, with one present entry in each table's"
                + " part against %s (move_ptes flushes an extent fully after moving a present entry, mm/mremap.c;"
                + " 496 pages are above x86's 33-page ceiling)", "a full flush");
    }

    /**
     * One INVLPG as a move of many page tables pays it, priced as the full flush is
     * ({@link #longMoveFlush}): moves from a table-aligned spot to one a page higher (as validate's
     * unaligned mremap-large), each table's part split into extents of 511 pages and of one, the
     * one-page extent holding the present entry (one single-page flush per table). Null without the
     * samples, or when the slope is not positive.
     */
    private Sourced longMoveInvlpg() {
        return perTableFlush("small", "VMAs of 8 and 64 page tables moved by mremap between a table-aligned spot and"
                + " one a page higher (as validate's unaligned mremap-large), so each table's part moves as extents of"
                + " 511 pages and of one, with a present entry in each one-page extent against %s (move_ptes flushes"
                + " an extent after moving a present entry, mm/mremap.c: one page, one INVLPG per table,"
                + " arch/x86/mm/tlb.c)", "a single-page flush");
    }

    /**
     * The per-table slope of the {@code mremap.KIND.{8,64}} samples less the model's charges for
     * moving one entry: one flush of the kind the layout gives, as a long move pays it. Null without
     * the samples, or when the slope is not positive (noise).
     */
    private Sourced perTableFlush(String kind, String layout, String flush) {
        Slope s = slope(kind).orElse(null);
        if (s == null) {
            return null;
        }
        double entry = median("xchg") + 2 * median("latency.L1");
        double v = round(s.perTable() - entry);
        if (!(v > 0)) {
            return null;
        }
        return src(v, String.format(Locale.ROOT, "%s: (%.4g - %.4g) / 56 = %.4g ns per table (medians of %d samples"
                + " at %s, the probe on one CPU), less the model's charges for moving one entry (%.4g ns); %s inside a"
                + " long move, not a call's first ones [derived from measured]", String.format(Locale.ROOT, layout,
                against(s)), s.d64(), s.d8(), s.perTable(), c.get("mremap." + kind + ".64.one").get().values().size(),
                when, entry, flush));
    }

    /**
     * One flush as mremap pays it: the VMA of {@code pages} pages moved with one present entry
     * ({@code mremap.PAGES.PRESENT}) against none, less what the model charges for moving one
     * present entry in move_ptes (ptep_get, ptep_get_and_clear, set_pte_at: two plain accesses
     * and an xchg). Null without the samples.
     */
    private Sourced moveFlush(String pages, String present, String vma, String flush) {
        String with = "mremap." + pages + "." + present;
        String without = "mremap." + pages + ".empty";
        if (c.get(with).isEmpty() || c.get(without).isEmpty()) {
            return null;
        }
        double moved = median(with) - median(without);
        double l1 = median("latency.L1");
        double entry = median("xchg") + 2 * l1;
        double v = round(moved - entry);
        String how = String.format(Locale.ROOT, "%s moved by mremap between two page tables, its first page populated"
                + " against never touched (move_ptes flushes the old range only when it moved a present entry,"
                + " mm/mremap.c: one entry moved and %s): %.4g - %.4g = %.4g ns (medians of %d samples at %s, the probe"
                + " on one CPU), less the model's charges for moving one entry (an xchg and two plain accesses:"
                + " %.4g + 2 x %.4g = %.4g ns)", vma, flush, median(with), median(without), moved,
                c.get(with).get().values().size(), when, median("xchg"), l1, entry);
        if (v <= 0) {
            return src(0, how + "; the difference is not positive: 0 [derived from measured]");
        }
        return src(v, how + " [derived from measured]");
    }

    /**
     * The free is inside the one-page MADV_DONTNEED (one entry cleared, the folio's rmap and
     * reference dropped, the flush, the free) but not separable: what it pays beyond mremap's
     * one-page move and flush also holds the per-call work of a zap that frees (the LRU drain, the
     * mmu_gather's batch, and under a hypervisor whatever it does before freed memory is reused),
     * which the model has no price for. So page_free_ns stays kept, and the header says how much
     * that excess was.
     */
    private String pageFreeNote() {
        if (c.get("dontneed.1.mapped").isEmpty() || c.get("mremap.1.mapped").isEmpty()) {
            return "ops.page_free_ns";
        }
        double excess = median("dontneed.1.mapped") - median("dontneed.1.empty")
                - (median("mremap.1.mapped") - median("mremap.1.empty"));
        return String.format(Locale.ROOT, "ops.page_free_ns (a one-page MADV_DONTNEED costs %.4g ns beyond mremap's"
                + " one-page move and flush: the free with per-call work that cannot be told apart from it)", excess);
    }

    /**
     * The one-page flushes side by side, for the header: what mprotect and MADV_DONTNEED pay beyond
     * mremap's for the same one-page flush is not the flush (docs/validation.md, run E).
     */
    private void flushHeader(StringBuilder out) {
        if (!base.hasX86()) {
            return; // the flush prices these samples give are x86's; arm64 keeps its TLBI prices
        }
        List<String> parts = new ArrayList<>();
        for (String op : List.of("mremap", "mprotect", "dontneed")) {
            if (c.get(op + ".1.mapped").isPresent() && c.get(op + ".1.empty").isPresent()) {
                parts.add(String.format(Locale.ROOT, "%s %.4g ns", op.equals("dontneed") ? "MADV_DONTNEED" : op,
                        median(op + ".1.mapped") - median(op + ".1.empty")));
            }
        }
        if (parts.size() > 1) {
            out.append("# One page present against never touched, per call (each flushes one page): ")
                    .append(String.join(", ", parts)).append(". The mremap difference is one entry moved and the flush"
                            + " (x86.invlpg_ns); mprotect changes the entry in place, MADV_DONTNEED clears it and frees"
                            + " its page.\n");
        }
        if (c.get("mremap.64.one").isPresent() && c.get("mremap.64.empty").isPresent() && c.get("mprotect.128.mapped").isPresent()) {
            double d64 = median("mprotect.64.mapped") - median("mprotect.64.empty");
            out.append(String.format(Locale.ROOT, "# A full flush: a 64-page mremap with one present entry costs %.4g ns more"
                    + " than with none (a lone full flush: x86.full_flush_ns unless the long moves below give it); a 64-page"
                    + " mprotect toggle costs %.4g ns beyond its 64 entry"
                    + " updates.%n", median("mremap.64.one") - median("mremap.64.empty"), d64 - 64 * pteUpdateNs()));
        }
        for (String kind : List.of("tables", "small")) {
            List<String> slopes = new ArrayList<>();
            for (String twin : List.of("guard", "empty")) {
                slope(kind, twin).ifPresent(s -> slopes.add(String.format(Locale.ROOT, "against %s, 8 tables cost %.4g ns"
                        + " more and 64 tables %.4g ns: %.4g ns per table from the ninth on and %.4g ns per call beyond"
                        + " that", twin.equals("guard") ? "a guard marker per table" : "none", s.d8(), s.d64(),
                        s.perTable(), s.perCall())));
            }
            if (!slopes.isEmpty()) {
                out.append(kind.equals("tables") ? "# Full flushes in one long move, a present entry in each table's"
                        + " 496- or 504-page extent: " : "# Single-page flushes in one long move, a present entry in each"
                        + " table's one-page extent: ").append(String.join("; ", slopes)).append(" (against none the"
                        + " tables are allocated and freed only with the entry; no profile field holds a per-call"
                        + " cost).\n");
            }
        }
    }

    /**
     * The measured cost of updating one present PTE by mprotect, flush excluded: the widest toggle
     * less the 64-page one, per extra entry, (d512 - d64) / 448. A probe without the 512-page
     * samples gives (d128 - d64) / 64, whose 64 entries a noisy full flush can outweigh (run H of
     * docs/validation.md: -280 ns).
     */
    double pteUpdateNs() {
        double d64 = median("mprotect.64.mapped") - median("mprotect.64.empty");
        int wide = widestToggle();
        double dWide = median("mprotect." + wide + ".mapped") - median("mprotect." + wide + ".empty");
        return (dWide - d64) / (wide - 64);
    }

    /** The pages of the widest mprotect toggle the probe measured: 512, or 128 for an older probe. */
    int widestToggle() {
        return c.get("mprotect.512.mapped").isPresent() && c.get("mprotect.512.empty").isPresent() ? 512 : 128;
    }

    /**
     * The first write through each PTE that MADV_POPULATE_WRITE just made present, less a second
     * write, per page, in the page tables where each entry trapped on its own (probe: shadow_fill):
     * the hypervisor's shadow fill under shadow paging, 0 elsewhere. Tables whose first trap filled
     * every entry are counted apart (shadow_fill.whole_tables, in the header). Without the sample
     * (a kernel before 5.14) the base profile's value is kept.
     */
    private Sourced shadowFill(Ops b) {
        if (c.get("shadow_fill").isEmpty()) {
            return keep("ops.shadow_fill_ns (no MADV_POPULATE_WRITE before Linux 5.14)", b.getShadowFillNs());
        }
        Sourced s = measured("shadow_fill", "the first write of each 4 KiB page of a THP-disabled mapping that"
                + " MADV_POPULATE_WRITE has just populated (so its PTE is new and no fault is taken), less the median"
                + " second write, timed page by page; the median over the writes that trapped (more than 1 us beyond the"
                + " second) in the page tables where most entries trapped, the fill a fault's retried access pays",
                "each a median over the trapped pages of one run");
        if (s.getValue() > 0) {
            return s;
        }
        return src(0, s.getSource().replace(" [measured]", "") + String.format(Locale.ROOT,
                "; %.4g ns is no more than noise: 0 [measured]", s.getValue()));
    }

    /**
     * One present-entry update measured by mprotect ({@link #pteUpdateNs}) less what the model
     * charges per entry of a toggle: ptep_get (a read), ptep_modify_prot_start (an xchg) and the
     * commit (a write), and on the way back to writable, half the toggles, can_change_pte_writable's
     * two struct page reads and its PageAnonExclusive test (docs/kernel-model.md §4.5). What is
     * left is work of the hypervisor under shadow paging (the resync of the changed entry at the
     * flush); the flush prices are derived without any per-entry work, so nothing counts twice.
     */
    private Sourced shadowSync(double l1, double atomic) {
        if (c.get("mprotect.128.mapped").isEmpty()) {
            return keep("ops.shadow_sync_ns", base.getOps().getShadowSyncNs());
        }
        double update = pteUpdateNs();
        double xchg = median("xchg");
        double model = xchg + 3 * l1 + atomic / 2;
        double v = round(update - model);
        int wide = widestToggle();
        String how = String.format(Locale.ROOT, "one present-entry update by mprotect = (%.4g - %.4g) / %d = %.4g ns"
                + " (toggles of %d and 64 populated pages against empty twins, medians of %d samples at %s) less what the"
                + " model charges per entry of a toggle: an xchg, a read, a write, and for half the toggles two struct"
                + " page reads and an atomic (%.4g + 3 x %.4g + %.4g / 2 = %.4g ns)", median("mprotect." + wide + ".mapped")
                - median("mprotect." + wide + ".empty"), median("mprotect.64.mapped") - median("mprotect.64.empty"),
                wide - 64, update, wide, c.get("mprotect." + wide + ".mapped").get().values().size(), when, xchg, l1,
                atomic, model);
        if (v <= 0) {
            return src(0, how + "; the difference is not positive: no hypervisor work, 0 [derived from measured]");
        }
        return src(v, how + " [derived from measured]");
    }

    /**
     * Whether the leaf samples of {@code kind} ("refs" or "mprotect") are there for 34 and 68 leaves,
     * every leaf PMD-mapped (AnonHugePages over the whole mapping in both).
     */
    boolean hasLeaves(String kind) {
        return List.of(34, 68).stream().allMatch(n -> c.get("leaf_" + kind + "." + n).isPresent()
                && c.get("leaf_" + kind + "." + n + ".huge_share").filter(h -> Collections.min(h.values()) >= 0.999).isPresent());
    }

    /** One PMD leaf's update by the leaf samples of {@code kind}: (t68 - t34) / 34, per call. */
    double leafUpdateNs(String kind) {
        return (median("leaf_" + kind + ".68") - median("leaf_" + kind + ".34")) / 34;
    }

    /**
     * What a present PMD leaf changed in place by one locked update costs beyond one entry's
     * SHADOW_SYNC_RMW, as fork's pmdp_set_wrprotect changes the parent's leaf: the leaf_refs
     * samples' update per leaf ({@link #leafUpdateNs}, clear_refs_pte_range's
     * pmdp_test_and_clear_young on a young leaf, its flush shared) less what the model charges per
     * leaf of that walk (the PMD read, the folio's struct page read, the locked update priced as a
     * cmpxchg, folio_test_clear_young and folio_clear_referenced, and the entry's
     * shadow_sync_rmw_ns). What is left is the hypervisor's work for the leaf as a 2 MiB guest
     * mapping. Without the samples, or when not every leaf was PMD-mapped, the base value is kept.
     */
    private Sourced shadowLeafRmw(double l1, double atomic, double rmw) {
        if (!hasLeaves("refs")) {
            return keep("ops.shadow_leaf_rmw_ns (no leaf_refs samples of PMD-mapped leaves: /proc/self/clear_refs"
                    + " not writable, or THP not given to the probe's MADV_HUGEPAGE mapping)", base.getOps().getShadowLeafRmwNs());
        }
        double update = leafUpdateNs("refs");
        double cmpxchg = median("cmpxchg");
        double model = 2 * l1 + cmpxchg + 2 * atomic + rmw;
        double v = round(update - model);
        String how = String.format(Locale.ROOT, "one present 2 MiB PMD leaf's accessed bit cleared by write(\"1\") to"
                + " /proc/self/clear_refs with the full flush after it, every page written before = (%.4g - %.4g) / 34 ="
                + " %.4g ns (68 and 34 PMD-mapped leaves, AnonHugePages 100 %%, medians of %d samples at %s; an mprotect"
                + " toggle of the same leaves: %s per call) less what the model charges per leaf of that walk: two reads,"
                + " the locked update, two struct page bit atomics and the entry's shadow_sync_rmw_ns"
                + " (2 x %.4g + %.4g + 2 x %.4g + %.4g = %.4g ns)",
                median("leaf_refs.68"), median("leaf_refs.34"), update, c.get("leaf_refs.68").get().values().size(), when,
                hasLeaves("mprotect") ? String.format(Locale.ROOT, "%.4g ns", leafUpdateNs("mprotect")) : "not sampled",
                l1, cmpxchg, atomic, rmw, model);
        if (v <= 0) {
            return src(0, how + "; the difference is not positive: no hypervisor work beyond the entry's, 0 [derived from measured]");
        }
        return src(v, how + " [derived from measured]");
    }

    /**
     * Whether the probe could write /proc/self/clear_refs: the four samples named with {@code suffix}
     * are there ("" with the flush, ".noflush" the write alone, ".old" a second write at once).
     */
    boolean hasClearRefs(String suffix) {
        return List.of("clear_refs.64.empty", "clear_refs.64.mapped", "clear_refs.512.empty", "clear_refs.512.mapped")
                .stream().allMatch(n -> c.get(n + suffix).isPresent());
    }

    /**
     * One young present entry's accessed bit cleared by clear_refs, per entry: (d512 - d64) / 448 of
     * the samples named with {@code suffix} (as {@link #hasClearRefs}), each d the populated pages'
     * time less the empty twin's.
     */
    double rmwUpdateNs(String suffix) {
        double d64 = median("clear_refs.64.mapped" + suffix) - median("clear_refs.64.empty" + suffix);
        double d512 = median("clear_refs.512.mapped" + suffix) - median("clear_refs.512.empty" + suffix);
        return (d512 - d64) / 448;
    }

    /**
     * One present entry changed in place by a single locked update, as fork's write-protect changes
     * it: the clear_refs samples' update with its share of the flush ({@link #rmwUpdateNs}) less
     * what the model would charge per entry of that walk (clear_refs_pte_range: ptep_get, the
     * folio's struct page read, ptep_test_and_clear_young's locked update, priced as a cmpxchg
     * like every PTE_RMW, and folio_test_clear_young and folio_clear_referenced, two struct page
     * bit atomics). What is left is the hypervisor's work for such an entry under shadow paging.
     * Without the samples the base profile's value is kept, and said so.
     */
    private Sourced shadowSyncRmw(double l1, double atomic) {
        if (!hasClearRefs("")) {
            return keep("ops.shadow_sync_rmw_ns (the probe could not write /proc/self/clear_refs here)",
                    base.getOps().getShadowSyncRmwNs());
        }
        double update = rmwUpdateNs("");
        double cmpxchg = median("cmpxchg");
        double model = 2 * l1 + cmpxchg + 2 * atomic;
        double v = round(update - model);
        String how = String.format(Locale.ROOT, "one present entry's accessed bit cleared by write(\"1\") to"
                + " /proc/self/clear_refs with the full flush after it = (%.4g - %.4g) / 448 = %.4g ns (512 and 64"
                + " young populated pages against empty twins, medians of %d samples at %s; the write alone: %.4g ns)"
                + " less what the model charges per entry of that walk: two reads, the locked update and two struct"
                + " page bit atomics (2 x %.4g + %.4g + 2 x %.4g = %.4g ns)",
                median("clear_refs.512.mapped") - median("clear_refs.512.empty"),
                median("clear_refs.64.mapped") - median("clear_refs.64.empty"), update,
                c.get("clear_refs.512.mapped").get().values().size(), when,
                hasClearRefs(".noflush") ? rmwUpdateNs(".noflush") : Double.NaN,
                l1, cmpxchg, atomic, model);
        if (v <= 0) {
            return src(0, how + "; the difference is not positive: no hypervisor work, 0 [derived from measured]");
        }
        return src(v, how + " [derived from measured]");
    }

    private Memory memory() {
        Memory bm = base.getMemory();
        Memory.Builder m = Memory.newBuilder();
        List<HostFacts.Cache> caches = c.facts().caches();
        double previous = 0;
        for (int i = 0; i < caches.size(); i++) {
            HostFacts.Cache cache = caches.get(i);
            String name = i == 0 ? "L1d" : "L" + cache.level();
            String where = "from " + c.facts().cacheSource() + " at " + when;
            Sourced ways;
            int w = cache.ways();
            if (w > 0) {
                ways = src(w, where + " [measured]");
            } else {
                CacheLevel like = bm.getLevel(Math.min(i, bm.getLevelCount() - 1));
                w = (int) like.getAssociativity().getValue();
                kept.add("memory.level[" + i + "].associativity");
                ways = src(w, "not reported by this machine; kept from " + base.getName() + ": " + like.getAssociativity().getSource());
            }
            // The cache model needs a whole number of sets; halve the ways until it has one.
            int usable = w;
            while (usable > 1 && cache.sizeBytes() % ((long) usable * cache.lineBytes()) != 0) {
                usable /= 2;
            }
            if (usable != w) {
                ways = src(usable, ways.getSource() + "; halved from " + w + " to make the size a whole number of sets [assumption]");
            }
            long bytes = cache.sizeBytes();
            String size = where + " [measured]";
            Sourced latency;
            if (i >= 2) {
                Sweep.Level last = Sweep.lastLevel(c, bytes);
                if (last.bytes() < bytes) {
                    size = String.format(Locale.ROOT, "%s reports %s, but the pointer-chase sweep (%s) stays below the"
                            + " midpoint of the L2 and memory latencies only up to %s: the share one core has here"
                            + " [measured]", c.facts().cacheSource(), human(bytes), last.table(), human(last.bytes()));
                    bytes = last.bytes();
                    while (usable > 1 && bytes % ((long) usable * cache.lineBytes()) != 0) {
                        usable /= 2;
                    }
                    ways = src(usable, ways.getSource());
                }
                latency = last.latency(previous, when);
            } else {
                latency = latency("latency." + (i == 0 ? "L1" : "L" + cache.level()),
                        "pointer chase over " + human(bytes / 2) + " (half the level)", previous);
            }
            m.addLevel(CacheLevel.newBuilder().setName(name)
                    .setSizeBytes(src(bytes, size))
                    .setAssociativity(ways)
                    .setLineBytes(src(cache.lineBytes(), where + " [measured]"))
                    .setLatencyNs(latency));
            previous = latency.getValue();
        }
        if (caches.isEmpty()) {
            kept.add("memory.level (the machine reports no caches)");
            bm.getLevelList().forEach(l -> m.addLevel(l.toBuilder().setSizeBytes(keepQuiet(l.getSizeBytes()))
                    .setAssociativity(keepQuiet(l.getAssociativity())).setLineBytes(keepQuiet(l.getLineBytes()))
                    .setLatencyNs(keepQuiet(l.getLatencyNs()))));
            previous = bm.getLevel(bm.getLevelCount() - 1).getLatencyNs().getValue();
        }
        m.setDramLatencyNs(latency("latency.memory", memoryChase(), "each one run of its own, four a round after an untimed one", previous));
        kept.add("memory.outstanding_misses");
        m.setOutstandingMisses(keepQuiet(bm.getOutstandingMisses()));
        kept.add("memory.prefetcher");
        m.setPrefetcher(pairLines(bm.getPrefetcher().toBuilder()
                .setEnabledSource("kept from " + base.getName() + " (not measured): " + bm.getPrefetcher().getEnabledSource())
                .setDegree(keepQuiet(bm.getPrefetcher().getDegree()))
                .setFillLevel(keepQuiet(bm.getPrefetcher().getFillLevel()))));
        return m.build();
    }

    /**
     * The pair-line prefetcher is Intel's (docs/profiles.md, "Pair lines": sourced per core from
     * Intel's MSR 0x1A4 documentation; no such prefetcher in the AMD or Arm documentation found).
     * A base profile's switch is kept, marked, on an Intel CPU or one that does not say what it is;
     * on a CPU that names another vendor there is no source for it, so it is off and says why.
     */
    private Prefetcher.Builder pairLines(Prefetcher.Builder pf) {
        if (!pf.getPairLines()) {
            return pf;
        }
        String model = c.facts().cpuModel();
        if (model.startsWith("Intel") || model.equals("unknown CPU")) {
            kept.add("memory.prefetcher.pair_lines");
            return pf.setPairLinesSource("kept from " + base.getName() + " (not measured): " + pf.getPairLinesSource());
        }
        return pf.setPairLines(false).setPairLinesSource(String.format(Locale.ROOT, "off: this CPU (%s, /proc/cpuinfo at"
                + " %s) is not Intel's, and the pair-line prefetcher %s keeps is sourced from Intel's documentation of"
                + " MSR 0x1A4 only; no pair-line prefetcher is documented for other cores that was found"
                + " (docs/profiles.md, Pair lines) [assumption: absent where undocumented]", model, when, base.getName()));
    }

    /**
     * How the memory latency was measured: a chase over 256 MiB on 2 MiB pages, its samples taken
     * in turn with the same chase on 4 KiB pages, whose figure the source records beside it. The
     * profile takes the huge-page figure because the kernel reaches struct pages and page tables
     * through its direct map, mapped with huge pages: a miss there pays memory, not a 4 KiB TLB miss.
     */
    private String memoryChase() {
        String how = "pointer chase over 256 MiB on 2 MiB pages (MADV_HUGEPAGE";
        how += c.get("latency.memory.huge_share").map(s -> String.format(Locale.ROOT, ", %.0f %% of it mapped huge", 100 * s.median()))
                .orElse("") + ")";
        how += c.get("latency.memory.4k").map(s -> String.format(Locale.ROOT, ", each sample taken in turn with the same"
                + " chase on 4 KiB pages (%.4g ns, spread %.1f %%: what 4 KiB TLB misses, and shadow faults under shadow paging, add), the huge-page figure because"
                + " the kernel reaches struct pages and page tables through its huge-mapped direct map", s.median(),
                100 * s.spread())).orElse("");
        return how;
    }

    /** A latency, raised to the inner level's when noise or a shared level made it come out lower. */
    Sourced latency(String name, String how, double inner) {
        return latency(name, how, "each the best of 3 runs", inner);
    }

    private Sourced latency(String name, String how, String eachSample, double inner) {
        Sourced s = measured(name, how, eachSample);
        if (s.getValue() >= inner) {
            return s;
        }
        return src(inner, s.getSource().replace(" [measured]", "") + String.format(Locale.ROOT,
                "; measured %.4g ns, below the inner level's %.4g ns, so the two were not told apart: raised to it"
                        + " because latencies cannot fall outwards [measured, raised]", s.getValue(), inner));
    }

    /**
     * The page allocation is not measured: the residual of a measured fault prices its exception
     * ({@link #exception}). On a shadow-paging guest a write fault that allocates nothing (probe:
     * fault.wp_reuse) costs as much as one that allocates, so the residual is not the allocation,
     * and a page-table page or a deposit allocated outside any fault must not pay a fault's entry.
     */
    private Sourced pageAlloc(Ops b) {
        String why = "calibrate prices the measured fault's residual as the exception (ops.exception_cycles), not as"
                + " the allocation: a page-table page allocated outside any fault must not pay a user fault's entry";
        String figures = c.get("fault.wp_reuse").map(wp -> String.format(Locale.ROOT, ", and a write fault that allocates"
                + " nothing costs %.4g ns here against %.4g ns for one that allocates, zeroes and charges memcg (probe"
                + " samples fault.wp_reuse and fault)", wp.median(), median("fault"))).orElse("");
        kept.add("ops.page_alloc_ns (a fault's residual is its exception's)");
        return b.getPageAllocNs().toBuilder().setSource("kept from " + base.getName() + " (not measured; " + why + figures
                + "): " + b.getPageAllocNs().getSource()).build();
    }

    /**
     * The exception entry and exit of one user page fault, in cycles: one measured order-0 write
     * fault less everything else the model charges for it — the zeroing, the memcg charge (the base
     * profile's cycles), two page-table lock round trips, the refcount, mapcount and AnonExclusive
     * atomics, the mm counters and the PTE write (Fault.doAnonymousPage), the shadow fill of the
     * access the fault retries (SHADOW_FILL) and the allocation (the base profile's page_alloc_ns).
     * Under shadow paging the hypervisor takes every guest #PF before the guest does, and that is
     * most of the fault: a write fault that allocates nothing (do_wp_page's reuse, probe
     * fault.wp_reuse) costs as much as one that allocates. On bare metal the residual is the entry
     * and exit with the fault path's work the model does not itemise. Never below the measured
     * syscall entry and exit, which a fault's entry crosses too.
     */
    private Sourced exception(double l1, double cmpxchg, double atomic, double zero, double ghz, double pageAlloc) {
        Samples fault = c.get("fault").orElseThrow();
        double syscall = median("syscall");
        double zeroing = 4096 / zero;
        double memcg = base.getOps().getMemcgCycles().getValue() / ghz;
        double rest = 2 * (cmpxchg + 1 / ghz) + 3 * atomic + 3 * l1;
        double fill = Math.max(0, c.get("shadow_fill").map(Samples::median).orElse(0.0));
        double residual = fault.median() - zeroing - memcg - rest - fill - pageAlloc;
        String arithmetic = String.format(Locale.ROOT, "one order-0 write fault measured at %.4g ns (first write of"
                + " each page of a THP-disabled mapping, median of %d, spread %.1f %%, at %s) minus its zeroing (4096 B at"
                + " %.4g B/ns = %.4g ns), the memcg charge (%.4g ns), the other primitives the model charges per fault"
                + " (2 spinlocks, 3 atomics, 3 plain accesses: %.4g ns), the shadow fill of the retried access"
                + " (ops.shadow_fill_ns, %.4g ns) and the allocation (ops.page_alloc_ns, kept: %.4g ns) = %.4g ns",
                fault.median(), fault.values().size(), 100 * fault.spread(), when, zero, zeroing, memcg, rest, fill,
                pageAlloc, residual);
        String wp = c.get("fault.wp_reuse").map(w -> String.format(Locale.ROOT, "; a write fault that allocates nothing"
                + " (the pages of a tiny process write-protected by a fork whose child exited, so do_wp_page reuses each:"
                + " no allocation, zeroing or memcg charge) costs %.4g ns (median of %d, spread %.1f %%): under shadow"
                + " paging the hypervisor takes every guest #PF first, and the residual is that exception's, not the"
                + " allocation's", w.median(), w.values().size(), 100 * w.spread())).orElse("");
        if (residual <= syscall) {
            return src(round(syscall * ghz), String.format(Locale.ROOT, "%s%s; that is not above the measured syscall"
                    + " entry and exit (%.4g ns), which a fault's entry crosses too, so the syscall's, at the measured %.4g"
                    + " GHz [derived from measured]", arithmetic, wp, syscall, ghz));
        }
        return src(round(residual * ghz), String.format(Locale.ROOT, "%s, at the measured %.4g GHz%s [derived from measured]",
                arithmetic, ghz, wp));
    }

    private Sourced cycles(Sourced baseValue, String path, double ghz) {
        double baseGhz = base.getCpu().getFrequencyGhz().getValue();
        double cyc = baseValue.getValue() * baseGhz;
        kept.add(path + " (as cycles)");
        return src(round(cyc / ghz), String.format(Locale.ROOT, "%s's %.0f cycles (%.4g ns at %.4g GHz) at the measured %.4g GHz;"
                + " %s's source: %s [derived]", base.getName(), cyc, baseValue.getValue(), baseGhz, ghz, base.getName(),
                baseValue.getSource()));
    }

    private Sourced keep(String path, Sourced s) {
        kept.add(path);
        return keepQuiet(s);
    }

    private Sourced keepQuiet(Sourced s) {
        return s.toBuilder().setSource("kept from " + base.getName() + " (not measured): " + s.getSource()).build();
    }

    private Sourced measured(String name, String how) {
        return measured(name, how, "each the best of 3 runs");
    }

    private Sourced measured(String name, String how, String eachSample) {
        Samples s = c.get(name).orElseThrow(() -> new IllegalStateException("the calibration has no " + name));
        return src(round(s.median()), String.format(Locale.ROOT, "%s: median of %d samples (%s),"
                + " spread %.1f %%%s, by ptreplay calibrate at %s [measured]", how, s.values().size(), eachSample,
                100 * s.spread(), s.noisy() ? " (noisy)" : "", when));
    }

    private double median(String name) {
        return c.get(name).orElseThrow(() -> new IllegalStateException("the calibration has no " + name)).median();
    }

    static Sourced src(double v, String source) {
        return Sourced.newBuilder().setValue(v).setSource(source).build();
    }

    /** Four significant digits: more than any measurement here supports. */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    static String human(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " B";
    }
}
