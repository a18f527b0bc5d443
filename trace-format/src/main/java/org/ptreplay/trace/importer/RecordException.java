package org.ptreplay.trace.importer;

/** Recording with perf failed; the message is one sentence that says how to fix it. */
public final class RecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public RecordException(String message) {
        super(message);
    }
}
