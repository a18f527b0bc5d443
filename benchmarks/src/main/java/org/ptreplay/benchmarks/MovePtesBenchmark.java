package org.ptreplay.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-PTE {@code move_ptes} path at scale, as the mremap-large workload drives it: 1 GiB of
 * 4 KiB pages, populated once, then moved back and forth between a PMD-aligned address and one
 * 4 KiB past a PMD boundary, so no page table can be relinked and every PTE is moved one by one
 * (get_extent cuts each 2 MiB into 511 + 1 entries). One operation is one moved PTE; the score is
 * simulated PTE moves per second, syscall, VMA work and the freeing of the emptied tables included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MovePtesBenchmark {
    static final long LEN = Replay.GIB;
    static final int PTES = (int) (LEN / Replay.PAGE);
    /** PMD (and PUD) aligned. */
    static final long ALIGNED = 64 * Replay.GIB;
    /** 4 KiB past a PMD boundary, far enough from ALIGNED not to overlap. */
    static final long OFFSET = ALIGNED + 2 * Replay.GIB + Replay.PAGE;

    /** A bundled machine profile (its cache model prices every access) or {@code free} (counts only). */
    @Param({"raptor-lake", Cells.FREE})
    public String profile;

    @Param({"linux-6.16"})
    public String kernel;

    private Replay replay;
    private boolean atAligned;

    @Setup
    public void populate() {
        replay = new Replay(Cells.kernel("x86", kernel, profile));
        replay.populate(ALIGNED, LEN);
        atAligned = true;
    }

    @Benchmark
    @OperationsPerInvocation(PTES)
    public void movePtes() {
        if (atAligned) {
            replay.move(ALIGNED, OFFSET, LEN);
        } else {
            replay.move(OFFSET, ALIGNED, LEN);
        }
        atAligned = !atAligned;
    }
}
