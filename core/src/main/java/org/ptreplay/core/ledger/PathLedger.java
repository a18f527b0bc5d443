package org.ptreplay.core.ledger;

import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.core.cost.CostModel;
import org.ptreplay.core.kernel.Frame;
import org.ptreplay.core.kernel.Ledger;
import org.ptreplay.core.kernel.Primitive;
import org.ptreplay.core.sim.LedgerSnapshot;
import org.ptreplay.core.sim.PrimitiveCounts;
import org.ptreplay.trace.TraceEvent;

/**
 * The ledger of one cell: a tree of path nodes (node = frame below its parent node), with the
 * SELF counts of every node in one flat {@code long[]} indexed by node &times; primitive, and the
 * simulated picoseconds of every node from the {@link CostModel}. Each charge also goes to the
 * kind of the event being replayed. Children are found by comparing interned frame ids along a
 * sibling list, so a charge never hashes or allocates; only the first visit of a new path grows the arrays.
 */
public final class PathLedger implements Ledger {
    private static final int ROOT = 0;
    private static final int NP = Primitive.count();
    private static final int KINDS = TraceEvent.Kind.values().length;

    private final CostModel cost;
    private int[] frame = new int[64];
    private int[] parent = new int[64];
    private int[] firstChild = new int[64];
    private int[] nextSibling = new int[64];
    private long[] counts = new long[64 * NP];
    private long[] ps = new long[64];
    /** Picoseconds per node and primitive: what each primitive cost where it was charged. */
    private long[] primitivePs = new long[64 * NP];
    private int nodes = 1;
    private int[] stack = new int[32];
    private int depth;
    private int current = ROOT;
    private int kind = -1;
    private final long[] kindCalls = new long[KINDS];
    private final long[] kindCounts = new long[KINDS * NP];
    private final long[] kindPs = new long[KINDS];
    private final long[] kindPrimitivePs = new long[KINDS * NP];

    public PathLedger(CostModel cost) {
        this.cost = cost;
        frame[ROOT] = -1;
        parent[ROOT] = -1;
        firstChild[ROOT] = -1;
        nextSibling[ROOT] = -1;
    }

    /** Starts charging to {@code k}: one call of that syscall kind. The path stack must be empty. */
    public void beginEvent(TraceEvent.Kind k) {
        if (depth != 0) {
            throw new IllegalStateException("path stack not empty at event start: " + pathOf(current));
        }
        kind = k.ordinal();
        kindCalls[kind]++;
    }

    @Override
    public void enter(Frame f) {
        int id = f.id();
        int c = firstChild[current];
        while (c >= 0 && frame[c] != id) {
            c = nextSibling[c];
        }
        if (c < 0) {
            c = newNode(id, current);
        }
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = current;
        current = c;
    }

    @Override
    public void exit(Frame f) {
        if (depth == 0 || frame[current] != f.id()) {
            throw new IllegalStateException("exit(" + f + ") does not match the top of the path stack " + pathOf(current));
        }
        current = stack[--depth];
    }

    @Override
    public void charge(Primitive p, long n) {
        int o = p.ordinal();
        counts[current * NP + o] += n;
        long c = cost.costPs(p, n);
        ps[current] += c;
        primitivePs[current * NP + o] += c;
        if (kind >= 0) {
            kindCounts[kind * NP + o] += n;
            kindPs[kind] += c;
            kindPrimitivePs[kind * NP + o] += c;
        }
    }

    @Override
    public void touch(Primitive p, long pa) {
        int o = p.ordinal();
        counts[current * NP + o]++;
        long c = cost.accessPs(p, pa);
        ps[current] += c;
        primitivePs[current * NP + o] += c;
        if (kind >= 0) {
            kindCounts[kind * NP + o]++;
            kindPs[kind] += c;
            kindPrimitivePs[kind * NP + o] += c;
        }
    }

    /** User data streamed by the workload (touch events): time only, no primitive. */
    public void stream(long pa, long length, boolean write) {
        long c = cost.streamPs(pa, length, write);
        ps[current] += c;
        if (kind >= 0) {
            kindPs[kind] += c;
        }
    }

    /** The current path, e.g. {@code mremap;move_page_tables}; for error messages and tests. */
    public String currentPath() {
        return pathOf(current);
    }

    /** SELF counts per path, per syscall kind, and totals; sorted, so output is deterministic. */
    public LedgerSnapshot snapshot() {
        SortedMap<String, LedgerSnapshot.PathEntry> paths = new TreeMap<>();
        long[] total = new long[NP];
        long[] totalPrimitivePs = new long[NP];
        long totalPs = 0;
        for (int n = 1; n < nodes; n++) {
            long[] c = Arrays.copyOfRange(counts, n * NP, (n + 1) * NP);
            long[] cps = Arrays.copyOfRange(primitivePs, n * NP, (n + 1) * NP);
            boolean any = ps[n] != 0;
            for (int i = 0; i < NP; i++) {
                any |= c[i] != 0;
                total[i] += c[i];
                totalPrimitivePs[i] += cps[i];
            }
            totalPs += ps[n];
            if (any) {
                paths.put(pathOf(n), new LedgerSnapshot.PathEntry(new PrimitiveCounts(c), ps[n], new PrimitiveCounts(cps)));
            }
        }
        totalPs += ps[ROOT];
        for (int i = 0; i < NP; i++) {
            total[i] += counts[i];
            totalPrimitivePs[i] += primitivePs[i];
        }
        SortedMap<String, LedgerSnapshot.KindEntry> kinds = new TreeMap<>();
        for (TraceEvent.Kind k : TraceEvent.Kind.values()) {
            int ki = k.ordinal();
            if (kindCalls[ki] != 0) {
                long[] c = Arrays.copyOfRange(kindCounts, ki * NP, (ki + 1) * NP);
                long[] cps = Arrays.copyOfRange(kindPrimitivePs, ki * NP, (ki + 1) * NP);
                kinds.put(k.key(), new LedgerSnapshot.KindEntry(kindCalls[ki], new PrimitiveCounts(c), kindPs[ki],
                        new PrimitiveCounts(cps)));
            }
        }
        return new LedgerSnapshot(paths, kinds, new PrimitiveCounts(total), totalPs, new PrimitiveCounts(totalPrimitivePs));
    }

    private int newNode(int frameId, int parentNode) {
        if (nodes == frame.length) {
            int n = nodes * 2;
            frame = Arrays.copyOf(frame, n);
            parent = Arrays.copyOf(parent, n);
            firstChild = Arrays.copyOf(firstChild, n);
            nextSibling = Arrays.copyOf(nextSibling, n);
            ps = Arrays.copyOf(ps, n);
            counts = Arrays.copyOf(counts, n * NP);
            primitivePs = Arrays.copyOf(primitivePs, n * NP);
        }
        int c = nodes++;
        frame[c] = frameId;
        parent[c] = parentNode;
        firstChild[c] = -1;
        nextSibling[c] = firstChild[parentNode];
        firstChild[parentNode] = c;
        return c;
    }

    private String pathOf(int node) {
        if (node == ROOT) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int n = node; n != ROOT; n = parent[n]) {
            sb.insert(0, Frame.byId(frame[n]).name()).insert(0, ';');
        }
        return sb.substring(1);
    }
}
