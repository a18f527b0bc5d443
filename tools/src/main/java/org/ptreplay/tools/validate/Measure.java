package org.ptreplay.tools.validate;

import java.util.Map;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.value.LedgerSnapshot;
import org.ptreplay.core.value.SimResult;

/** One number read from a replayed cell: what a publication measured, in simulated form. */
public sealed interface Measure {

    /**
     * The number in {@code result}.
     *
     * @throws IllegalStateException when the cell has nothing to measure (e.g. no call of the kind)
     */
    double of(SimResult result);

    /** What is measured, for the table and docs/validation.md. */
    String describe();

    /**
     * Simulated nanoseconds of every event of one syscall kind (for {@code mremap}: the syscall
     * with all it does, its TLB flushes and the unmap of the old range included).
     */
    record SyscallNs(String kind) implements Measure {
        @Override
        public double of(SimResult result) {
            return entry(result, kind).ps() / 1000.0;
        }

        @Override
        public String describe() {
            return "simulated ns in " + kind;
        }
    }

    /** Calls of one syscall kind per simulated second spent in that kind. */
    record CallsPerSecond(String kind) implements Measure {
        @Override
        public double of(SimResult result) {
            LedgerSnapshot.KindEntry e = entry(result, kind);
            if (e.ps() == 0) {
                throw new IllegalStateException("no simulated time in " + kind);
            }
            return e.calls() * 1e12 / e.ps();
        }

        @Override
        public String describe() {
            return kind + " calls per simulated second of " + kind;
        }
    }

    /** Simulated nanoseconds per call of one syscall kind. */
    record NsPerCall(String kind) implements Measure {
        @Override
        public double of(SimResult result) {
            LedgerSnapshot.KindEntry e = entry(result, kind);
            return e.ps() / 1000.0 / e.calls();
        }

        @Override
        public String describe() {
            return "simulated ns per " + kind + " call";
        }
    }

    /** Simulated nanoseconds of the whole trace: syscalls, faults and user data. */
    record TotalNs() implements Measure {
        @Override
        public double of(SimResult result) {
            return result.ledger().totalPs() / 1000.0;
        }

        @Override
        public String describe() {
            return "simulated ns of the whole trace";
        }
    }

    /** How often {@code primitive} was charged on every path through {@code frame}. */
    record Count(String frame, Primitive primitive) implements Measure {
        @Override
        public double of(SimResult result) {
            long n = 0;
            for (Map.Entry<String, LedgerSnapshot.PathEntry> e : result.ledger().paths().entrySet()) {
                if (hasFrame(e.getKey(), frame)) {
                    n += e.getValue().counts().get(primitive);
                }
            }
            return n;
        }

        @Override
        public String describe() {
            return primitive.key() + " charged under " + frame;
        }
    }

    /** {@code primitive} charged under {@code frame}, per call of {@code kind}. */
    record PerCall(String kind, String frame, Primitive primitive) implements Measure {
        @Override
        public double of(SimResult result) {
            return new Count(frame, primitive).of(result) / entry(result, kind).calls();
        }

        @Override
        public String describe() {
            return primitive.key() + " under " + frame + " per " + kind + " call";
        }
    }

    /** Simulated ns of one {@code primitive} charged under {@code frame}, on average. */
    record NsEach(String frame, Primitive primitive) implements Measure {
        @Override
        public double of(SimResult result) {
            long n = 0;
            long ps = 0;
            for (Map.Entry<String, LedgerSnapshot.PathEntry> e : result.ledger().paths().entrySet()) {
                if (hasFrame(e.getKey(), frame)) {
                    n += e.getValue().counts().get(primitive);
                    ps += e.getValue().primitivePs().get(primitive);
                }
            }
            if (n == 0) {
                throw new IllegalStateException("no " + primitive.key() + " under " + frame);
            }
            return ps / 1000.0 / n;
        }

        @Override
        public String describe() {
            return "simulated ns per " + primitive.key() + " under " + frame;
        }
    }

    private static LedgerSnapshot.KindEntry entry(SimResult result, String kind) {
        LedgerSnapshot.KindEntry e = result.ledger().syscalls().get(kind);
        if (e == null || e.calls() == 0) {
            throw new IllegalStateException("the trace has no " + kind + " call");
        }
        return e;
    }

    /** Whether {@code frame} is one of the {@code ;}-separated frames of {@code path}. */
    static boolean hasFrame(String path, String frame) {
        for (String f : path.split(";")) {
            if (f.equals(frame)) {
                return true;
            }
        }
        return false;
    }
}
