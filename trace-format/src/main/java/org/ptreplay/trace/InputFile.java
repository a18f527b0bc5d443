package org.ptreplay.trace;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An input opened once and read from its first byte as often as its kind allows. A regular file
 * is read again through the same open file, so a counting pass and the pass that uses the count
 * read the same bytes even if the path is replaced or removed in between; a FIFO, a character
 * device or a pipe on standard input is read once ({@link SniffedInput}). One reading at a time:
 * a new reading rewinds the file under the one before.
 */
public final class InputFile implements AutoCloseable {
    private final String name;
    /** The open regular file; null for anything else. */
    private final FileChannel channel;
    /** The one reading of a file that is not regular, until it is handed out. */
    private SniffedInput single;

    private InputFile(String name, FileChannel channel, SniffedInput single) {
        this.name = name;
        this.channel = channel;
        this.single = single;
    }

    /**
     * Opens {@code file}.
     *
     * @throws TraceException as {@link FileSniffer#sniff(Path)}: missing, a directory, unreadable
     */
    public static InputFile open(Path file) throws TraceException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            return new InputFile(name, null, SniffedInput.open(file));
        }
        try {
            return new InputFile(name, FileChannel.open(file), null);
        } catch (IOException e) {
            throw FileSniffer.cannotOpen(name, e);
        }
    }

    /** Whether {@link #read} may be called more than once: a regular file. */
    public boolean rereadable() {
        return channel != null;
    }

    /**
     * A reading from the first byte, sniffed: the first call always, later ones when
     * {@link #rereadable}. Closing a reading's stream leaves the file open for the next.
     *
     * @throws TraceException as {@link FileSniffer#sniff(Path)}
     * @throws IllegalStateException a second reading of an input that is not a regular file
     */
    public SniffedInput read() throws TraceException {
        if (channel == null) {
            if (single == null) {
                throw new IllegalStateException(name + " is not a regular file: it is read once");
            }
            SniffedInput s = single;
            single = null;
            return s;
        }
        try {
            channel.position(0);
        } catch (IOException e) {
            throw TraceException.atHeader(name, "cannot read the file again (" + e.getMessage() + ")", e);
        }
        return SniffedInput.of(new KeepOpen(Channels.newInputStream(channel)), name);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        } else if (single != null) {
            single.closeUnread();
            single = null;
        }
    }

    /** A reading's stream: its close leaves the channel open for the next reading. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // The channel belongs to the InputFile.
        }
    }
}
