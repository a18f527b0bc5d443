package org.ptreplay.core.value;

import java.util.List;

/**
 * One replayed event on its cell's simulated clock, for {@code --timeline}: when it started (the
 * simulated time of every event before it, back to back), how long it took, and the kernel path
 * frames it went through with the time spent in each.
 *
 * @param index   the event's index in the trace
 * @param kind    the event kind ({@code mremap}, {@code touch}, …)
 * @param startPs simulated picoseconds charged before the event
 * @param durPs   simulated picoseconds the event took
 * @param slices  its frames, parents before children; a frame's slice is as long as its
 *                inclusive time in this event, and children are laid out one after another from
 *                their parent's start in the order the cell first entered them, so they nest
 */
public record TimelineEvent(long index, String kind, long startPs, long durPs, List<Slice> slices) {

    public TimelineEvent {
        slices = List.copyOf(slices);
    }

    /**
     * @param name    the frame
     * @param depth   1 for a frame directly under the event
     * @param startPs its start on the cell's clock
     * @param durPs   its inclusive time in this event
     */
    public record Slice(String name, int depth, long startPs, long durPs) {
    }
}
