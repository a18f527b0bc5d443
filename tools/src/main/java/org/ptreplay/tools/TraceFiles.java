package org.ptreplay.tools;

import org.ptreplay.tools.plugin.PluginLoader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.tools.trace.TraceInputs;
import org.ptreplay.tools.trace.VmaReplay;
import org.ptreplay.trace.FileSniffer;
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

    /** A text trace, possibly compressed. */
    static TraceSource openText(Path file) {
        try {
            return TextTraceReader.open(new InputStreamReader(FileSniffer.openContent(file), StandardCharsets.UTF_8),
                    file.toString());
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

    /** Gives every event to {@code sink}, numbered from 0. */
    static void forEach(TraceSource source, EventSink sink) {
        for (TraceEvent e; (e = next(source)) != null; ) {
            sink.accept(source.eventIndex(), e);
        }
    }

    /** The next event, or null at the end. */
    static TraceEvent next(TraceSource source) {
        try {
            TraceEvent e = source.next();
            if (e == null && source instanceof TraceReader r && r.completenessWarning() != null) {
                // Once, at the end: an older file reads in full but its completeness is unchecked.
                System.err.println("ptreplay: warning: " + r.completenessWarning());
            }
            return e;
        } catch (TraceException e) {
            throw CommandFailure.badData(e.getMessage(), e);
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
