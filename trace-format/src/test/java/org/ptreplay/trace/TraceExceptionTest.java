package org.ptreplay.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** {@link TraceException#why}: what went wrong, in words that fit inside a sentence's parentheses. */
class TraceExceptionTest {

    @Test
    void fileSystemProblemsInWordsWithoutTheFileNameAgain() {
        assertEquals("no such file", TraceException.why(new NoSuchFileException("/tmp/x.json")));
        assertEquals("permission denied", TraceException.why(new AccessDeniedException("/tmp/x.json")));
        assertEquals("is a directory", TraceException.why(new FileSystemException("/tmp", null, "Is a directory")));
        assertEquals("FileSystemException", TraceException.why(new FileSystemException("/tmp")));
    }

    @Test
    void otherMessagesLoseOnlyTheCapitalOfTheirFirstWord() {
        assertEquals("not UTF-8 text", TraceException.why(new MalformedInputException(1)));
        assertEquals("is a directory", TraceException.why(new IOException("Is a directory")));
        assertEquals("truncated source", TraceException.why(new IOException("Truncated source")));
        assertEquals("XZ header is corrupt", TraceException.why(new IOException("XZ header is corrupt")));
        assertEquals("the data ends early", TraceException.why(new EOFException()));
        assertEquals("IOException", TraceException.why(new IOException()));
    }
}
