package org.ptreplay.core.value;

import org.ptreplay.trace.Errno;

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

    /** An error as its name ({@code -ENOMEM}, as strace and the text form print it), else the address or value in hex. */
    private static String show(long v) {
        if (v < 0 && v > -4096) {
            String name = Errno.name((int) -v);
            return name == null ? Long.toString(v) : "-" + name;
        }
        return "0x" + Long.toHexString(v);
    }
}
