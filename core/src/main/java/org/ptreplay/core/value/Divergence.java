package org.ptreplay.core.value;

/**
 * A result of the model that differs from the recorded one.
 *
 * @param eventIndex index of the event in the trace (0-based)
 * @param what       what differed, e.g. {@code mmap result} or {@code touch SIGSEGV pages}
 * @param recorded   the recorded value
 * @param model      the model's value
 */
public record Divergence(long eventIndex, String what, long recorded, long model) {

    /** One sentence for reports. */
    public String describe() {
        return "event " + eventIndex + ": " + what + " was " + show(recorded) + " in the trace but " + show(model) + " in the model.";
    }

    private static String show(long v) {
        return v < 0 && v > -4096 ? "-errno " + (-v) : "0x" + Long.toHexString(v);
    }
}
