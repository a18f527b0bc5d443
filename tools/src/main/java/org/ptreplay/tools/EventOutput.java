package org.ptreplay.tools;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import org.ptreplay.trace.Codec;
import org.ptreplay.trace.TextTraceWriter;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceWriter;

/**
 * Where {@code convert} and {@code record} write events: a binary trace or the text form. A file
 * is written under a temporary name beside it and renamed at {@link #commit()}, so that a run
 * that fails leaves no half-written trace behind (and IN may be OUT); the temporary file is also
 * removed when the JVM ends early (Ctrl-C, SIGTERM). {@code -} is standard output, text form only.
 *
 * <p>What OUT may be (issue 16 item 14): a symbolic link is followed, and its target replaced;
 * a special file (a FIFO, a character device such as /dev/null) is written directly, never
 * replaced by a regular file; a read-only file or a file in a read-only directory (no write
 * permission bit, which even root's rename would ignore) is refused.
 */
final class EventOutput implements AutoCloseable {

    /** The two forms of a trace. */
    enum Form {
        PTRACE, TEXT;

        static Form parse(String key) {
            for (Form f : values()) {
                if (f.name().equalsIgnoreCase(key)) {
                    return f;
                }
            }
            throw CommandFailure.badUsage("unknown output form '" + key + "' (known: ptrace, text)");
        }
    }

    /** Writes one event; the two writers share no interface. */
    @FunctionalInterface
    private interface Writer {
        void write(TraceEvent e) throws IOException;
    }

    private final String name;
    private final Path target;
    private final Path temp;
    /** Removes {@link #temp} if the JVM ends before commit or close; null without a temporary file. */
    private final Thread cleanup;
    private final AutoCloseable closer;
    private final Writer writer;
    private long events;
    private boolean done;

    private EventOutput(String name, Path target, Path temp, Thread cleanup, AutoCloseable closer, Writer writer) {
        this.name = name;
        this.target = target;
        this.temp = temp;
        this.cleanup = cleanup;
        this.closer = closer;
        this.writer = writer;
    }

    /** The form OUT gets: {@code --to} if given, else text for {@code -} and names ending in {@code .txt}, else binary. */
    static Form form(String out, String to) {
        if (to != null) {
            return Form.parse(to);
        }
        return out.equals("-") || out.toLowerCase(Locale.ROOT).endsWith(".txt") ? Form.TEXT : Form.PTRACE;
    }

    /**
     * @param codec  the compression of a binary trace; null for the default (zstd)
     * @param stdout standard output, for OUT {@code -}
     */
    static EventOutput open(String out, Form form, Codec codec, TraceHeader header, PrintWriter stdout) {
        if (form == Form.TEXT && codec != null) {
            throw CommandFailure.badUsage("--codec applies to binary traces, but " + out + " gets the text form");
        }
        if (out.equals("-")) {
            if (form == Form.PTRACE) {
                throw CommandFailure.badUsage("a binary trace cannot go to standard output; give a file name");
            }
            try {
                TextTraceWriter w = TextTraceWriter.create(new KeepOpen(stdout), header);
                return new EventOutput(out, null, null, null, w, w::write);
            } catch (IOException e) {
                throw CommandFailure.badData("standard output: cannot write (" + e.getMessage() + ").", e);
            }
        }
        Path target = followLinks(out, Path.of(out));
        if (Files.isDirectory(target)) {
            throw CommandFailure.badData(out + " is a directory; give the name of the trace file to write.");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            return direct(out, target, form, codec, header);
        }
        Path dir = target.toAbsolutePath().getParent();
        if (Files.exists(target) && readOnly(target)) {
            throw CommandFailure.badData(out + ": cannot write: the file is read-only; make it writable or remove it first.");
        }
        if (Files.isDirectory(dir) && readOnly(dir)) {
            throw CommandFailure.badData(out + ": cannot write: directory " + dir + " is read-only.");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".partial");
            readableByAll(temp);
            if (form == Form.TEXT) {
                TextTraceWriter w = TextTraceWriter.create(temp, header);
                return new EventOutput(out, target, temp, cleanupAtExit(temp), w, w::write);
            }
            TraceWriter w = TraceWriter.create(temp, codec == null ? Codec.ZSTD : codec, header);
            return new EventOutput(out, target, temp, cleanupAtExit(temp), w, w::write);
        } catch (NoSuchFileException e) {
            throw CommandFailure.badData(out + ": cannot write: directory "
                    + target.toAbsolutePath().getParent() + " does not exist.", e);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw CommandFailure.badData(out + ": cannot write (" + e.getMessage() + ").", e);
        }
    }

    void write(TraceEvent e) {
        try {
            writer.write(e);
            events++;
        } catch (IOException x) {
            throw CommandFailure.badData(name + ": cannot write (" + x.getMessage() + ").", x);
        }
    }

    long events() {
        return events;
    }

    /** Finishes the output and puts it in place. */
    void commit() {
        try {
            done = true;
            closer.close();
            if (temp != null) {
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (Exception e) {
            deleteQuietly(temp);
            throw CommandFailure.badData(name + ": cannot write (" + e.getMessage() + ").", e);
        } finally {
            dropCleanup();
        }
    }

    /** Without a {@link #commit()}: abandons the output. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            closer.close();
        } catch (Exception e) {
            // the output is abandoned: nothing in it matters any more
        }
        deleteQuietly(temp);
        dropCleanup();
    }

    private void dropCleanup() {
        if (cleanup != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs and finds nothing to delete
            }
        }
    }

    /** A shutdown hook that deletes the temporary file: a signal must not leave a .partial behind. */
    private static Thread cleanupAtExit(Path temp) {
        Thread t = new Thread(() -> deleteQuietly(temp), "ptreplay-partial-cleanup");
        Runtime.getRuntime().addShutdownHook(t);
        return t;
    }

    /** OUT with its symbolic links followed, even to a target that does not exist yet; a loop is refused. */
    private static Path followLinks(String out, Path p) {
        Path cur = p;
        // the kernel gives up after 40 links (MAXSYMLINKS, include/linux/namei.h)
        for (int hops = 0; Files.isSymbolicLink(cur); hops++) {
            if (hops == 40) {
                throw CommandFailure.badData(out + ": cannot write: too many levels of symbolic links (a loop?).");
            }
            try {
                Path link = Files.readSymbolicLink(cur);
                Path parent = cur.toAbsolutePath().getParent();
                cur = parent == null ? link : parent.resolve(link);
            } catch (IOException e) {
                throw CommandFailure.badData(out + ": cannot read the symbolic link (" + e.getMessage() + ").", e);
            }
        }
        return cur;
    }

    /**
     * Whether {@code p} may not be written: the OS says so, or no write permission bit is set,
     * which root would not be stopped by but which says the owner wants it kept.
     */
    private static boolean readOnly(Path p) {
        if (!Files.isWritable(p)) {
            return true;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            return !perms.contains(PosixFilePermission.OWNER_WRITE) && !perms.contains(PosixFilePermission.GROUP_WRITE)
                    && !perms.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    /** A special file (FIFO, device): written in place, as a shell's redirection would. */
    private static EventOutput direct(String out, Path target, Form form, Codec codec, TraceHeader header) {
        try {
            if (form == Form.TEXT) {
                TextTraceWriter w = TextTraceWriter.create(target, header);
                return new EventOutput(out, null, null, null, w, w::write);
            }
            TraceWriter w = TraceWriter.create(target, codec == null ? Codec.ZSTD : codec, header);
            return new EventOutput(out, null, null, null, w, w::write);
        } catch (IOException e) {
            throw CommandFailure.badData(out + ": cannot write (" + e.getMessage() + ").", e);
        }
    }

    /** Standard output for a writer that closes what it writes to: flushed, never closed. */
    private static final class KeepOpen extends FilterWriter {
        KeepOpen(PrintWriter out) {
            super(out);
        }

        @Override
        public void close() {
            ((PrintWriter) out).flush();
        }
    }

    /** createTempFile makes the file private (0600); a trace is an ordinary file, as if created directly. */
    private static void readableByAll(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary file left behind is harmless; the command's own error matters more
        }
    }
}
