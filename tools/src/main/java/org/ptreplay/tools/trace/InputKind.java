package org.ptreplay.tools.trace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ptreplay.trace.FileSniffer;
import org.ptreplay.trace.TraceEvent;

/** What an input file holds, as {@code convert --from} names it. */
public enum InputKind {
    /** A binary trace (any codec). */
    PTRACE,
    /** {@code strace -f} output. */
    STRACE,
    /** {@code perf script} output of a recording with ptreplay's tracepoints. */
    PERF,
    /** The text form of a trace. */
    TEXT;

    /** Lines of the head looked at before giving up. */
    private static final int LINES = 50;

    /**
     * {@code [COMM] PID[/TID] [[CPU]] SECONDS.FRACTION: SUBSYSTEM:EVENT:}, the layout
     * PerfScriptImporter accepts.
     */
    private static final Pattern PERF_LINE = Pattern.compile(
            "\\s*(?:.*?\\s+)?\\d+(?:/\\d+)?\\s+(?:\\[\\d+\\]\\s+)?\\d+\\.\\d+:\\s+[\\w-]+:[\\w-]+:.*");

    /**
     * An optional pid column ({@code -f}: {@code 123 } or {@code [pid 123] }), an optional time
     * ({@code -t}, {@code -tt}, {@code -ttt}), then a call, a resumed call, an exit or a signal.
     */
    private static final Pattern STRACE_LINE = Pattern.compile(
            "(?:\\[pid\\s+\\d+\\]\\s+|\\d+\\s+)?(?:\\d+\\.\\d+\\s+|\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?\\s+)?"
                    + "(?:[a-z_][a-z0-9_]*\\(|<\\.\\.\\. [a-z_0-9]+ resumed>|\\+\\+\\+ |--- ).*");

    /** {@code [PID] [+DELTA] KIND ...}: pid and delta are optional in the text form. */
    private static final Pattern TEXT_EVENT = Pattern.compile("(?:\\d+\\s+)?(?:\\+\\S+\\s+)?(?:"
            + Arrays.stream(TraceEvent.Kind.values()).map(TraceEvent.Kind::key).collect(Collectors.joining("|"))
            + ")(?:\\s.*)?");

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InputKind fromKey(String key) {
        for (InputKind k : values()) {
            if (k.key().equalsIgnoreCase(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown input kind '" + key + "' (known: ptrace, strace, perf, text)");
    }

    /**
     * The kind of a sniffed file: a binary trace from its header, text recordings from the shape
     * of their first non-comment lines. Empty when no shape matches.
     */
    public static Optional<InputKind> detect(FileSniffer.Sniff sniff) {
        if (sniff.binaryTrace()) {
            return Optional.of(PTRACE);
        }
        String head = new String(sniff.head(), StandardCharsets.UTF_8);
        String[] lines = head.split("\n", -1);
        // The last piece may be a line cut by the head's end, unless the head is the whole file.
        int complete = sniff.head().length < FileSniffer.HEAD_BYTES ? lines.length : lines.length - 1;
        for (int i = 0, looked = 0; i < complete && looked < LINES; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            looked++;
            if (PERF_LINE.matcher(line).matches()) {
                return Optional.of(PERF);
            }
            if (STRACE_LINE.matcher(line).matches()) {
                return Optional.of(STRACE);
            }
            if (textLine(line)) {
                return Optional.of(TEXT);
            }
        }
        return Optional.empty();
    }

    /** A text-form line: a directive ({@code @format 1}) or an event ({@code [PID] [+DT] KIND ...}, grammar in trace-format/README.md). */
    private static boolean textLine(String line) {
        return line.startsWith("@") || TEXT_EVENT.matcher(line).matches();
    }
}
