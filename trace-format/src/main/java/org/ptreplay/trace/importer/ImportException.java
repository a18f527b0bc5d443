package org.ptreplay.trace.importer;

/**
 * A line that an importer must understand (a modeled syscall, a page fault) could not be read.
 * The message is one sentence naming the file and the line.
 */
public final class ImportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final long lineNumber;

    public ImportException(String fileName, long lineNumber, String reason) {
        super(fileName + ": line " + lineNumber + ": " + reason + ".");
        this.fileName = fileName;
        this.lineNumber = lineNumber;
    }

    public String fileName() {
        return fileName;
    }

    /** 1-based. */
    public long lineNumber() {
        return lineNumber;
    }
}
