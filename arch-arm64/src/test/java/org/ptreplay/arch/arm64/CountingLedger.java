package org.ptreplay.arch.arm64;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;

/** A test ledger: counts per primitive, in total and per path stack, and checks frame nesting. */
final class CountingLedger implements Ledger {
    private final long[] totals = new long[Primitive.count()];
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Map<String, long[]> byPath = new TreeMap<>();

    @Override
    public void enter(Frame frame) {
        stack.push(frame);
    }

    @Override
    public void exit(Frame frame) {
        if (stack.peek() != frame) {
            throw new IllegalStateException("exit(" + frame + ") but the top frame is " + stack.peek());
        }
        stack.pop();
    }

    @Override
    public void charge(Primitive p, long n) {
        totals[p.ordinal()] += n;
        byPath.computeIfAbsent(path(), k -> new long[Primitive.count()])[p.ordinal()] += n;
    }

    @Override
    public void touch(Primitive p, long pa) {
        charge(p, 1);
    }

    long count(Primitive p) {
        return totals[p.ordinal()];
    }

    /** Count of {@code p} charged while {@code frame} was anywhere on the stack. */
    long countUnder(String frame, Primitive p) {
        long sum = 0;
        for (Map.Entry<String, long[]> e : byPath.entrySet()) {
            if (Arrays.asList(e.getKey().split(";")).contains(frame)) {
                sum += e.getValue()[p.ordinal()];
            }
        }
        return sum;
    }

    /** Count of {@code p} charged at exactly this path, e.g. {@code "contpte_try_unfold;contpte_convert"}. */
    long countAt(String path, Primitive p) {
        long[] counts = byPath.get(path);
        return counts == null ? 0 : counts[p.ordinal()];
    }

    int depth() {
        return stack.size();
    }

    void reset() {
        Arrays.fill(totals, 0);
        byPath.clear();
    }

    private String path() {
        StringBuilder sb = new StringBuilder();
        for (Iterator<Frame> it = stack.descendingIterator(); it.hasNext(); ) {
            sb.append(sb.length() == 0 ? "" : ";").append(it.next().name());
        }
        return sb.toString();
    }
}
