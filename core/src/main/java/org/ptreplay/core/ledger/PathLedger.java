package org.ptreplay.core.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.core.cost.CostModel;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.value.LedgerSnapshot;
import org.ptreplay.core.value.PrimitiveCounts;
import org.ptreplay.core.value.TimelineEvent;
import org.ptreplay.trace.TraceEvent;

/**
 * The ledger of one cell: a tree of path nodes (node = frame below its parent node), with the
 * SELF counts of every node in one flat {@code long[]} indexed by node &times; primitive, and the
 * simulated picoseconds of every node from the {@link CostModel}. A child is found by checking the
 * one entered last from its parent, else by comparing interned frame ids along a sibling list, so
 * a charge never hashes or allocates; only the first visit of a new path grows the arrays.
 *
 * <p>Below the root, each event kind has its own subtree (its kind node is a frameless child of
 * the root), so a charge is one counter and one time increment, and the per-kind figures are sums
 * over the kind's subtree, taken in {@link #snapshot}. The paths merge the subtrees again: the
 * same path replayed under two kinds is one entry. Integer sums, so the result does not depend on
 * the split.
 */
public final class PathLedger implements Ledger {
    private static final int ROOT = 0;
    private static final int NP = Primitive.count();
    private static final int KINDS = TraceEvent.Kind.values().length;

    private final CostModel cost;
    /**
     * Per primitive, the model's price per unit where a charge is that price times the count
     * ({@link CostModel#unitPs}), else -1: a fault charges a dozen primitives, and this spares
     * each a call into the model (issue #15).
     */
    private final long[] unitPs = new long[NP];
    private int[] frame = new int[64];
    private int[] parent = new int[64];
    private int[] firstChild = new int[64];
    private int[] nextSibling = new int[64];
    /** Per node, the child {@link #enter} found last; -1 before the first. */
    private int[] lastChild = new int[64];
    private long[] counts = new long[64 * NP];
    private long[] ps = new long[64];
    /** Picoseconds per node and primitive: what each primitive cost where it was charged. */
    private long[] primitivePs = new long[64 * NP];
    /** Event kind ordinal of each node's subtree; -1 for the root. */
    private int[] kindOf = new int[64];
    private int nodes = 1;
    private int[] stack = new int[32];
    private int depth;
    private int current = ROOT;
    /** current &times; NP: where the current node's counters start. */
    private int currentBase = ROOT * NP;
    /** The kind node of each event kind, or -1 before its first event. */
    private final int[] kindNode = new int[KINDS];
    private final long[] kindCalls = new long[KINDS];
    /** Picoseconds charged so far, in charge order: the cell's simulated clock. */
    private long elapsedPs;

    private long steps;
    private long stepLimit = Long.MAX_VALUE;
    /** Records the first events for {@code --timeline}; null when not asked for. */
    private TimelineRecorder timeline;
    /** The batch-level accounting of an open L1 run ({@link #openL1Run}); null while none is open. */
    private L1Run run;
    /** The one run this ledger opens again and again; made at the first open (a cost model without runs never opens one). */
    private L1Run idleRun;

    public PathLedger(CostModel cost) {
        this.cost = cost;
        frame[ROOT] = -1;
        parent[ROOT] = -1;
        firstChild[ROOT] = -1;
        nextSibling[ROOT] = -1;
        lastChild[ROOT] = -1;
        kindOf[ROOT] = -1;
        Arrays.fill(kindNode, -1);
        cost.clock(() -> elapsedPs);
        for (Primitive p : Primitive.values()) {
            unitPs[p.ordinal()] = cost.unitPs(p);
        }
    }

    /**
     * Opens an L1 run (issue #8): until {@link #closeL1Run}, a touch of one of the last four cache
     * lines touched that the cost model promises is an L1 hit is counted and applied later in one
     * step, with the same counts, picoseconds and cache state as touch by touch. A page-table
     * context opens one around a loop that walks its tables entry by entry.
     */
    public void openL1Run() {
        if (idleRun == null) {
            idleRun = new L1Run(this, cost);
        }
        run = idleRun;
    }

    /** Applies an open run's pending touches and closes it. */
    public void closeL1Run() {
        if (run != null) {
            run.finish();
            run = null;
        }
    }

    /** Starts charging to {@code k}: one call of that syscall kind. The path stack must be empty. */
    public void beginEvent(TraceEvent.Kind k) {
        // A run a failed event left open belongs to that event.
        closeL1Run();
        steps = 0;
        if (depth != 0) {
            throw new IllegalStateException("path stack not empty at event start: " + pathOf(current));
        }
        int ki = k.ordinal();
        kindCalls[ki]++;
        if (kindNode[ki] < 0) {
            // A kind node has no frame (-1), so no frame id ever finds it as a child of the root.
            kindNode[ki] = newNode(-1, ROOT, ki);
        }
        if (timeline != null) {
            timelineBegin(k, kindNode[ki]);
        }
        moveTo(kindNode[ki]);
    }

    /** Records this cell's first events from now on; each event is closed when the next begins or at {@link #snapshot}. */
    public void recordTimeline(TimelineRecorder recorder) {
        timeline = recorder;
    }

    private void timelineBegin(TraceEvent.Kind k, int node) {
        TimelineRecorder t = timeline;
        timelineClose();
        if (t.seen++ >= t.limit) {
            return;
        }
        t.before = Arrays.copyOf(ps, nodes);
        t.open = true;
        t.openIndex = t.seen - 1;
        t.openKind = k.key();
        t.openNode = node;
        t.openStartPs = elapsedPs;
    }

    private void timelineClose() {
        TimelineRecorder t = timeline;
        if (t == null || !t.open) {
            return;
        }
        t.open = false;
        List<TimelineEvent.Slice> slices = new ArrayList<>();
        long dur = inclusiveSince(t.openNode, t.before);
        layOut(t.openNode, t.before, t.openStartPs, 0, slices);
        t.events.add(new TimelineEvent(t.openIndex, t.openKind, t.openStartPs, dur, slices));
    }

    /** A node's time in the open event, its subtree's included. */
    private long inclusiveSince(int node, long[] before) {
        long sum = ps[node] - (node < before.length ? before[node] : 0);
        for (int c = firstChild[node]; c >= 0; c = nextSibling[c]) {
            sum += inclusiveSince(c, before);
        }
        return sum;
    }

    /** The slices of a node's children that took time in the open event, from {@code start}, in creation order. */
    private void layOut(int node, long[] before, long start, int depth, List<TimelineEvent.Slice> out) {
        List<Integer> children = new ArrayList<>();
        for (int c = firstChild[node]; c >= 0; c = nextSibling[c]) {
            children.add(c);
        }
        // The sibling list is newest first; the nodes were created in the order the cell first entered them.
        Collections.sort(children);
        long at = start;
        for (int c : children) {
            long dur = inclusiveSince(c, before);
            if (dur > 0) {
                out.add(new TimelineEvent.Slice(Frame.byId(frame[c]).name(), depth + 1, at, dur));
                layOut(c, before, at, depth + 1, out);
                at += dur;
            }
        }
    }

    @Override
    public void enter(Frame f) {
        flushRun();
        int id = f.id();
        // The child entered last from this node is usually the one entered again (a fault per
        // page, an entry per PTE): one comparison instead of a walk along the siblings.
        int c = lastChild[current];
        if (c < 0 || frame[c] != id) {
            c = firstChild[current];
            while (c >= 0 && frame[c] != id) {
                c = nextSibling[c];
            }
            if (c < 0) {
                c = newNode(id, current, kindOf[current]);
            }
            lastChild[current] = c;
        }
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = current;
        moveTo(c);
    }

    @Override
    public void exit(Frame f) {
        if (depth == 0 || frame[current] != f.id()) {
            throw new IllegalStateException("exit(" + f + ") does not match the top of the path stack " + pathOf(current));
        }
        flushRun();
        moveTo(stack[--depth]);
    }

    private void moveTo(int node) {
        current = node;
        currentBase = node * NP;
    }

    @Override
    public void charge(Primitive p, long n) {
        long unit = unitPs[p.ordinal()];
        add(p, n, unit >= 0 ? unit * n : cost.costPs(p, n));
    }

    @Override
    public void charge(Primitive p) {
        long unit = unitPs[p.ordinal()];
        add(p, 1, unit >= 0 ? unit : cost.costPs(p, 1));
    }

    @Override
    public void touch(Primitive p, long pa) {
        L1Run r = run;
        if (r == null) {
            add(p, 1, cost.accessPs(p, pa));
        } else if (!r.hit(p, pa)) {
            add(p, 1, cost.accessPs(p, pa));
            r.track(pa);
        }
    }

    /** Applies an open run's pending touches under the current path, before the path changes. */
    private void flushRun() {
        if (run != null) {
            run.flush();
        }
    }

    /**
     * {@code times} {@link #touch} charges of {@code p} that the cost model has agreed are L1 hits
     * ({@link CostModel#l1Resident}); the {@link L1Run} records the accesses themselves with
     * {@link CostModel#recordL1Hits}. Same counts and picoseconds as the touches.
     */
    void touchL1Hits(Primitive p, long times) {
        add(p, times, cost.l1HitPs(p) * times);
    }

    /**
     * The watchdog against model loops: at most {@code limit} charges from now to the end of the
     * event; one more throws {@link StepLimitException}. Every loop of the model charges as it
     * goes (walks, stores, entry reads), so a loop that makes no progress reaches the bound.
     */
    public void limitSteps(long limit) {
        steps = 0;
        stepLimit = limit;
    }

    /** {@code n} of {@code p} costing {@code psTotal} in all, under the current path. */
    private void add(Primitive p, long n, long psTotal) {
        if (++steps > stepLimit) {
            throw new StepLimitException(stepLimit);
        }
        int at = currentBase + p.ordinal();
        counts[at] += n;
        primitivePs[at] += psTotal;
        ps[current] += psTotal;
        elapsedPs += psTotal;
    }

    /** User data streamed by the workload (touch events): time only, no primitive. */
    public void stream(long pa, long length, boolean write) {
        // The stream may evict the run's lines: apply the batch and track afresh after it.
        if (run != null) {
            run.finish();
        }
        long t = cost.streamPs(pa, length, write);
        ps[current] += t;
        elapsedPs += t;
    }

    /** Lines the kernel writes whole (page zeroing), through the cache model; their time is the caller's charge. */
    public void writeLines(long pa, long length) {
        // As a stream: the lines written may evict the run's lines, so the batch is applied first
        // and the run tracks afresh after it (else a pending hit would stamp an evicted line).
        if (run != null) {
            run.finish();
        }
        cost.writeLines(pa, length);
    }

    /** SELF counts per path, per syscall kind, and totals; sorted, so output is deterministic. */
    public LedgerSnapshot snapshot() {
        flushRun();
        timelineClose();
        SortedMap<String, long[]> pathCounts = new TreeMap<>();
        SortedMap<String, long[]> pathPrimitivePs = new TreeMap<>();
        SortedMap<String, Long> pathPs = new TreeMap<>();
        long[] total = new long[NP];
        long[] totalPrimitivePs = new long[NP];
        long totalPs = 0;
        long[] kindCounts = new long[KINDS * NP];
        long[] kindPrimitivePs = new long[KINDS * NP];
        long[] kindPs = new long[KINDS];
        for (int n = 0; n < nodes; n++) {
            int at = n * NP;
            addInto(total, 0, at, counts);
            addInto(totalPrimitivePs, 0, at, primitivePs);
            totalPs += ps[n];
            int k = kindOf[n];
            if (k >= 0) {
                addInto(kindCounts, k * NP, at, counts);
                addInto(kindPrimitivePs, k * NP, at, primitivePs);
                kindPs[k] += ps[n];
            }
            if (frame[n] >= 0) {
                String path = pathOf(n);
                addInto(pathCounts.computeIfAbsent(path, x -> new long[NP]), 0, at, counts);
                addInto(pathPrimitivePs.computeIfAbsent(path, x -> new long[NP]), 0, at, primitivePs);
                pathPs.merge(path, ps[n], Long::sum);
            }
        }
        SortedMap<String, LedgerSnapshot.PathEntry> paths = new TreeMap<>();
        pathCounts.forEach((path, c) -> {
            long p = pathPs.get(path);
            if (p != 0 || Arrays.stream(c).anyMatch(v -> v != 0)) {
                paths.put(path, new LedgerSnapshot.PathEntry(new PrimitiveCounts(c), p,
                        new PrimitiveCounts(pathPrimitivePs.get(path))));
            }
        });
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

    /** Adds the NP counters of {@code from} starting at {@code fromAt} to {@code into} from {@code intoAt}. */
    private static void addInto(long[] into, int intoAt, int fromAt, long[] from) {
        for (int i = 0; i < NP; i++) {
            into[intoAt + i] += from[fromAt + i];
        }
    }

    private int newNode(int frameId, int parentNode, int kindOrdinal) {
        if (nodes == frame.length) {
            int n = nodes * 2;
            frame = Arrays.copyOf(frame, n);
            kindOf = Arrays.copyOf(kindOf, n);
            parent = Arrays.copyOf(parent, n);
            firstChild = Arrays.copyOf(firstChild, n);
            nextSibling = Arrays.copyOf(nextSibling, n);
            lastChild = Arrays.copyOf(lastChild, n);
            ps = Arrays.copyOf(ps, n);
            counts = Arrays.copyOf(counts, n * NP);
            primitivePs = Arrays.copyOf(primitivePs, n * NP);
        }
        int c = nodes++;
        frame[c] = frameId;
        kindOf[c] = kindOrdinal;
        parent[c] = parentNode;
        firstChild[c] = -1;
        lastChild[c] = -1;
        nextSibling[c] = firstChild[parentNode];
        firstChild[parentNode] = c;
        return c;
    }

    /** The frames from below the root or kind node down to {@code node}; empty for those two. */
    private String pathOf(int node) {
        if (frame[node] < 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int n = node; frame[n] >= 0; n = parent[n]) {
            sb.insert(0, Frame.byId(frame[n]).name()).insert(0, ';');
        }
        return sb.substring(1);
    }
}
