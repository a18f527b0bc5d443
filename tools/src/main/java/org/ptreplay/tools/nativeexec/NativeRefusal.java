package org.ptreplay.tools.nativeexec;

/** A trace the executor will not run, found before anything ran: one sentence saying why. */
public final class NativeRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    public NativeRefusal(String sentence) {
        super(sentence);
    }
}
