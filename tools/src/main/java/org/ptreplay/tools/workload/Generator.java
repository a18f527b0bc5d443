package org.ptreplay.tools.workload;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.WorkloadGenerator;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * What the built-in generators share: typed parameters checked before the first event, so a bad
 * parameter never leaves half a trace behind, and the SPI plumbing.
 */
abstract sealed class Generator implements WorkloadGenerator
        permits JainMremap, JainMprotect, Bigheap, ForkBench, MunmapBench, MremapLarge {

    /** Where the benchmarks that place their own memory put it: Dev Jain's hint, free in a fresh mm on every architecture. */
    static final long HINT = 1L << 30;
    static final long PAGE = AddressSpace.PAGE;
    static final long PMD = AddressSpace.PMD;
    static final long PUD = 1L << 30;
    /** The largest {@code size}: keeps a replay, which simulates every page, within a few GiB of heap. */
    static final long MAX_SIZE = 64L << 30;
    /** The task of generated single-process traces. */
    static final int PID = 1;

    /** The parameters, in the order {@code generate --list} shows them. */
    abstract List<Param> params();

    /** Emits the events for checked parameters. */
    abstract void emit(ParamValues values, EventOut out);

    /** The THP settings the workload is meant for (every built-in generator says; see {@link #perFolioSize}). */
    String thp(ParamValues values) {
        return "";
    }

    /**
     * For benchmarks whose point is the folio size: one THP setting per folio size, each a valid
     * {@code --thp} value, as {@code SIZE: SETTING} items joined by {@code "; "}. 4K pages need
     * THP off; an mTHP size is on alone (top level never, so no PMD THP mixes in); 2M is the
     * PMD-sized THP of the top-level switch (Documentation/admin-guide/mm/transhuge.rst).
     */
    static String perFolioSize() {
        StringBuilder b = new StringBuilder("4K: enabled=never");
        for (String size : List.of("16K", "32K", "64K", "128K", "256K", "512K", "1M")) {
            b.append("; ").append(size).append(": enabled=never,").append(size).append("=always");
        }
        return b.append("; 2M: enabled=always").toString();
    }

    @Override
    public final String version() {
        return "1.0";
    }

    @Override
    public final String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public final List<OptionSpec> parameters() {
        return params().stream().map(Param::spec).toList();
    }

    @Override
    public final String recommendedThp(Map<String, String> params) {
        return thp(check(params));
    }

    @Override
    public final void generate(Map<String, String> params, Consumer<TraceEvent> out) {
        emit(check(params), new EventOut(out, PID));
    }

    private ParamValues check(Map<String, String> params) {
        return ParamValues.check(name(), params(), params);
    }

    /**
     * {@code pte-map}: whether PMD-mapped THPs are remapped by PTEs after populating. "PTE-mapped
     * 2 MiB folios" in David Hildenbrand's fork/zap and Ryan Roberts' contpte measurements are
     * THPs whose PMD was split while the folio stayed whole.
     */
    static Param pteMap() {
        return Param.choice("pte-map", "no", List.of("no", "yes"),
                "yes: after populating, mprotect one page of every 2 MiB read-only and back, which splits"
                        + " a PMD-mapped THP into PTEs of the same folio (__split_huge_pmd)");
    }

    /**
     * The common start of the fork and zap benchmarks: {@code size} bytes of private anonymous
     * memory at {@link #HINT}, every page written, and with {@code pte-map=yes} the PMDs split.
     * Returns the size.
     */
    static long populate(ParamValues values, EventOut out) {
        long size = values.get("size");
        out.mmap(HINT, size, EventOut.RW, EventOut.PRIVATE_ANON, HINT);
        out.write(HINT, size);
        if (values.choice("pte-map").equals("yes")) {
            splitPmds(out, HINT, size);
        }
        return size;
    }

    /** The mprotect pairs of {@link #pteMap()} over [addr, addr + size): one page per PMD, read-only and back. */
    private static void splitPmds(EventOut out, long addr, long size) {
        for (long a = addr; a < addr + size; a += PMD) {
            out.mprotect(a, PAGE, Flags.PROT_READ);
            out.mprotect(a, PAGE, EventOut.RW);
        }
    }

    /** {@code size}: the bytes a benchmark populates. */
    static Param size(String defaultValue) {
        return Param.size("size", defaultValue, PAGE, MAX_SIZE, PAGE, "bytes to populate (write every page)");
    }
}
