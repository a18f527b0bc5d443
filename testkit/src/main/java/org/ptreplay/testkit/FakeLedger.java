package org.ptreplay.testkit;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;

/**
 * A ledger that checks the frames a strategy enters are balanced. The fake contexts charge no
 * primitives, and strategies only reach the kernel through them, so a direct charge is a bug.
 */
public final class FakeLedger implements Ledger {
    private final Deque<Frame> stack = new ArrayDeque<>();
    /** The name of every frame entered, in order. */
    public final List<String> entered = new ArrayList<>();

    @Override
    public void enter(Frame frame) {
        entered.add(frame.name());
        stack.push(frame);
    }

    @Override
    public void exit(Frame frame) {
        assertTrue(!stack.isEmpty(), "exit of " + frame + " with no frame entered");
        assertSame(frame, stack.pop(), "frames must be exited in reverse order");
    }

    @Override
    public void charge(Primitive p, long n) {
        throw new AssertionError("strategies charge only through the kernel API, not " + p + " directly");
    }

    @Override
    public void touch(Primitive p, long pa) {
        throw new AssertionError("strategies touch memory only through the kernel API, not " + p + " directly");
    }

    /** The frames entered now, outermost first, joined by ';' (empty at the top level). */
    public String stack() {
        List<String> names = new ArrayList<>();
        for (Iterator<Frame> it = stack.descendingIterator(); it.hasNext(); ) {
            names.add(it.next().name());
        }
        return String.join(";", names);
    }

    /** An empty ledger: nothing entered, nothing charged. */
    public FakeLedger() {
    }
}
