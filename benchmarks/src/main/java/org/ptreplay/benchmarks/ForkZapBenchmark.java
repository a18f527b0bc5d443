package org.ptreplay.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The fork and zap paths on 1 GiB of populated 4 KiB pages: {@link Fork} is one dup_mmap
 * ({@code copy_pte_range} over every PTE), {@link ExitZap} the child's exit ({@code zap_pte_range}
 * of a fullmm teardown over every PTE), {@link MunmapZap} a munmap of the whole range (a non-fullmm
 * zap, with its flushes). The other half of each cycle runs outside the measurement, per
 * invocation (each takes milliseconds, far above JMH's per-invocation overhead). One operation is
 * one PTE. The fixtures live in each benchmark class itself: JMH gives a state injected into
 * another state's fixture its own instance, which would split the cell in two.
 */
public class ForkZapBenchmark {
    private static final long BASE = MovePtesBenchmark.ALIGNED;
    private static final long LEN = MovePtesBenchmark.LEN;
    private static final int PTES = MovePtesBenchmark.PTES;
    private static final int CHILD = 2;

    /** A parent process with 1 GiB resident. */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public abstract static class Populated {
        @Param({"raptor-lake", Cells.FREE})
        public String profile;

        @Param({"linux-6.16"})
        public String kernel;

        Replay replay;

        @Setup(Level.Trial)
        public void populate() {
            replay = new Replay(Cells.kernel("x86", kernel, profile));
            replay.populate(BASE, LEN);
        }
    }

    /** Forks a child; it exits after the measured fork. */
    public static class Fork extends Populated {
        @Benchmark
        @OperationsPerInvocation(PTES)
        public void fork() {
            replay.fork(CHILD);
        }

        @TearDown(Level.Invocation)
        public void exitChild() {
            replay.exit(CHILD);
        }
    }

    /** The exit of a child forked before each invocation. */
    public static class ExitZap extends Populated {
        @Setup(Level.Invocation)
        public void forkChild() {
            replay.fork(CHILD);
        }

        @Benchmark
        @OperationsPerInvocation(PTES)
        public void exitZap() {
            replay.exit(CHILD);
        }
    }

    /** munmap of the whole range, mapped and written again after each invocation. */
    public static class MunmapZap extends Populated {
        @Benchmark
        @OperationsPerInvocation(PTES)
        public void munmapZap() {
            replay.munmap(BASE, LEN);
        }

        @TearDown(Level.Invocation)
        public void repopulate() {
            replay.populate(BASE, LEN);
        }
    }
}
