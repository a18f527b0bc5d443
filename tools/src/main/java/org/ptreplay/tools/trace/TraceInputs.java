package org.ptreplay.tools.trace;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ptreplay.trace.Codec;
import org.ptreplay.trace.FileSniffer;
import org.ptreplay.trace.SniffedInput;
import org.ptreplay.trace.TextTraceReader;
import org.ptreplay.trace.TraceException;
import org.ptreplay.trace.TraceReader;
import org.ptreplay.trace.TraceSource;

/**
 * The one way a local trace file is opened for reading, by the analysis commands and by sweep's
 * jobs alike: a binary trace or the text form, either possibly compressed. The file is opened once
 * and sniffed from its stream ({@link SniffedInput}), so a FIFO or a character device reads in
 * full (issue #16 item 14); strace and perf output is refused with the convert command to use.
 */
public final class TraceInputs {
    private TraceInputs() {
    }

    public static TraceSource open(Path file) throws TraceException {
        SniffedInput input = SniffedInput.open(file);
        try {
            return open(input, file.toString());
        } finally {
            input.closeUnread();
        }
    }

    private static TraceSource open(SniffedInput input, String name) throws TraceException {
        FileSniffer.Sniff sniff = input.sniff();
        InputKind kind = InputKind.detect(sniff).orElseThrow(() -> TraceException.atHeader(name,
                "not a ptreplay trace (neither a binary trace nor the text form"
                        + (sniff.compression() == Codec.NONE ? "" : " inside " + sniff.compression().key()) + ")"));
        return switch (kind) {
            case PTRACE -> TraceReader.open(input.raw(), name);
            case TEXT -> TextTraceReader.open(new InputStreamReader(input.content(), StandardCharsets.UTF_8), name);
            case STRACE, PERF -> throw TraceException.atHeader(name, "this is " + kind.key()
                    + " output, not a trace; convert it first: ptreplay convert " + name + " TRACE.ptrace");
        };
    }
}
