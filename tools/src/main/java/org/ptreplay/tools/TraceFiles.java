package org.ptreplay.tools;

import org.ptreplay.tools.plugin.PluginLoader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.tools.trace.TraceInputs;
import org.ptreplay.tools.trace.VmaReplay;
import org.ptreplay.trace.SniffedInput;
import org.ptreplay.trace.TextTraceReader;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceException;
import org.ptreplay.trace.TraceHeader;
import org.ptreplay.trace.TraceReader;
import org.ptreplay.trace.TraceSource;

/** Opening and reading traces for the analysis commands, with every problem as one sentence. */
final class TraceFiles {
    private TraceFiles() {
    }

    /** What an analysis does with each event. */
    @FunctionalInterface
    interface EventSink {
        void accept(long index, TraceEvent event);
    }

    /**
     * Opens a trace: a binary trace or the text form, either possibly compressed. strace and perf
     * output must be converted first. {@code -} reads standard input ({@link Stdin}). The file is
     * opened once and sniffed from the stream, so a FIFO or a character device reads in full.
     */
    static TraceSource open(Path given) {
        try {
            return TraceInputs.open(Stdin.resolve(given));
        } catch (TraceException e) {
            throw CommandFailure.badData(e.getMessage(), e);
        }
    }

    /** A text trace, possibly compressed, from the one opening of its file. */
    static TraceSource openText(SniffedInput input, String name) {
        try {
            return TextTraceReader.open(new InputStreamReader(input.content(), StandardCharsets.UTF_8), name);
        } catch (TraceException e) {
            throw CommandFailure.badData(e.getMessage(), e);
        }
    }

    /**
     * Gives every event to {@code sink}, numbered from 0; at the end, what the reader could not
     * check goes to {@code err} ({@link #endOfTrace}).
     */
    static void forEach(TraceSource source, PrintWriter err, EventSink sink) {
        for (TraceEvent e; (e = next(source, err)) != null; ) {
            sink.accept(source.eventIndex(), e);
        }
    }

    /** The next event, or null at the end, where {@link #endOfTrace} warns on {@code err}. */
    static TraceEvent next(TraceSource source, PrintWriter err) {
        TraceEvent e = next(source);
        if (e == null) {
            endOfTrace(source, err);
        }
        return e;
    }

    /**
     * The next event, or null at the end, without a warning: for a second reading of a file
     * whose first reading warns.
     */
    static TraceEvent next(TraceSource source) {
        try {
            return source.next();
        } catch (TraceException e) {
            throw CommandFailure.badData(e.getMessage(), e);
        }
    }

    /**
     * Once a trace is read to its end: a warning on the command's {@code err} (where its errors
     * go, whatever it prints on stdout) when the file's completeness could not be checked, as
     * for an older file without its end-of-trace packet.
     */
    static void endOfTrace(TraceSource source, PrintWriter err) {
        if (source instanceof TraceReader r && r.completenessWarning() != null) {
            err.println("ptreplay: warning: " + r.completenessWarning());
            err.flush();
        }
    }

    static void close(TraceSource source) {
        try {
            source.close();
        } catch (IOException e) {
            // Everything was read: a failing close loses nothing, so it is not worth failing the command.
        }
    }

    /** The VMA replay for a trace, on the built-in architectures. */
    static VmaReplay vmaReplay(Path file, TraceHeader header) {
        try {
            return new VmaReplay(header, architecture("x86"), architecture("arm64"));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badData(file + ": header: " + e.getMessage(), e);
        }
    }

    static Architecture architecture(String name) {
        return Registry.BUILT_IN.require(ProviderKind.ARCHITECTURE, name);
    }

    /** The built-in providers, loaded once. */
    private static final class Registry {
        static final Providers BUILT_IN = PluginLoader.load(List.of());
    }
}
