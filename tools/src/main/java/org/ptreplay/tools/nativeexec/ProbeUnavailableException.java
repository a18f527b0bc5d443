package org.ptreplay.tools.nativeexec;

/** The native probe cannot be built or started: one sentence saying why and what to do. */
public final class ProbeUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProbeUnavailableException(String sentence) {
        super(sentence);
    }
}
