package org.ptreplay.trace;

import static org.ptreplay.trace.TextSyntax.hex;
import static org.ptreplay.trace.TextSyntax.quote;
import static org.ptreplay.trace.TextSyntax.size;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints headers and events in the text form; {@link TextParser} reads back exactly what this prints. */
final class TextFormatter {
    private TextFormatter() {
    }

    /** The directive lines of a header: {@code @format} always, the rest only when not the default. */
    static List<String> header(TraceHeader h) {
        List<String> lines = new ArrayList<>();
        lines.add("@format " + h.formatVersion());
        if (h.requiredFeatures() != 0) {
            lines.add("@features " + hex(h.requiredFeatures()));
        }
        if (!h.producer().isEmpty()) {
            lines.add("@producer " + quote(h.producer()));
        }
        TraceHeader.Source s = h.source();
        if (s.kind() != TextParser.DEFAULT_SOURCE_KIND || !s.detail().isEmpty()) {
            lines.add("@source " + s.kind().name().toLowerCase(Locale.ROOT)
                    + (s.detail().isEmpty() ? "" : " " + quote(s.detail())));
        }
        for (Map.Entry<String, String> p : s.params().entrySet()) {
            lines.add("@param " + quote(p.getKey()) + " " + quote(p.getValue()));
        }
        TraceHeader.Machine m = h.machine();
        StringBuilder machine = new StringBuilder();
        if (!m.arch().isEmpty()) {
            machine.append(" arch=").append(quote(m.arch()));
        }
        if (m.pageSize() != 0) {
            machine.append(" pagesize=").append(size(Integer.toUnsignedLong(m.pageSize())));
        }
        if (!m.kernelRelease().isEmpty()) {
            machine.append(" kernel=").append(quote(m.kernelRelease()));
        }
        if (m.cpuCount() != 0) {
            machine.append(" cpus=").append(Integer.toUnsignedString(m.cpuCount()));
        }
        if (machine.length() > 0) {
            lines.add("@machine" + machine);
        }
        for (Map.Entry<String, String> t : m.thp().entrySet()) {
            lines.add("@thp " + quote(t.getKey()) + " " + quote(t.getValue()));
        }
        if (h.eventCountHint() != 0) {
            lines.add("@events " + Long.toUnsignedString(h.eventCountHint()));
        }
        return lines;
    }

    /** One event: {@code PID [+DT] KIND ARGS [= RESULT]}. */
    static String event(TraceEvent event) {
        StringBuilder b = new StringBuilder();
        b.append(event.pid()).append(' ');
        if (event.timeDeltaNs() != 0) {
            b.append('+').append(event.timeDeltaNs()).append(' ');
        }
        b.append(event.kind().key());
        long result = TraceEvent.UNKNOWN_RESULT;
        boolean address = false;
        switch (event.kind()) {
            case MMAP -> {
                var e = (TraceEvent.Mmap) event;
                b.append(' ').append(hex(e.addr())).append(' ').append(size(e.length()))
                        .append(" prot=").append(TextSymbols.formatProt(e.prot()))
                        .append(" flags=").append(TextSymbols.MMAP.formatBits(Integer.toUnsignedLong(e.flags())));
                if (e.fd() != -1) {
                    b.append(" fd=").append(e.fd());
                }
                if (e.offset() != 0) {
                    b.append(" off=").append(size(e.offset()));
                }
                result = e.result();
                address = true;
            }
            case MUNMAP -> {
                var e = (TraceEvent.Munmap) event;
                b.append(' ').append(hex(e.addr())).append(' ').append(size(e.length()));
                result = e.result();
            }
            case MREMAP -> {
                var e = (TraceEvent.Mremap) event;
                b.append(' ').append(hex(e.oldAddr())).append(' ').append(size(e.oldLength()))
                        .append(' ').append(size(e.newLength()));
                if (e.flags() != 0) {
                    b.append(" flags=").append(TextSymbols.MREMAP.formatBits(Integer.toUnsignedLong(e.flags())));
                }
                if (e.newAddr() != 0) {
                    b.append(" new=").append(hex(e.newAddr()));
                }
                result = e.result();
                address = true;
            }
            case BRK -> {
                var e = (TraceEvent.Brk) event;
                b.append(' ').append(hex(e.addr()));
                result = e.result();
                address = true;
            }
            case MADVISE -> {
                var e = (TraceEvent.Madvise) event;
                b.append(' ').append(hex(e.addr())).append(' ').append(size(e.length()))
                        .append(' ').append(TextSymbols.MADVISE.formatValue(Integer.toUnsignedLong(e.advice())));
                result = e.result();
            }
            case MPROTECT -> {
                var e = (TraceEvent.Mprotect) event;
                b.append(' ').append(hex(e.addr())).append(' ').append(size(e.length()))
                        .append(" prot=").append(TextSymbols.formatProt(e.prot()));
                result = e.result();
            }
            case FORK -> {
                var e = (TraceEvent.Fork) event;
                b.append(' ').append(e.childPid());
                if (e.cloneFlags() != 0) {
                    b.append(" flags=").append(TextSymbols.CLONE.formatBits(e.cloneFlags()));
                }
                result = e.result();
            }
            case EXEC -> result = ((TraceEvent.Exec) event).result();
            case EXIT -> {
                var e = (TraceEvent.Exit) event;
                b.append(' ').append(e.code());
                if (e.group()) {
                    b.append(" group");
                }
            }
            case TOUCH -> {
                var e = (TraceEvent.Touch) event;
                b.append(' ').append(hex(e.addr())).append(' ').append(size(e.length()))
                        .append(e.write() ? " write" : " read");
            }
        }
        if (result != TraceEvent.UNKNOWN_RESULT) {
            b.append(" = ").append(result(result, address));
        }
        return b.toString();
    }

    /** {@code -ENOMEM} for a known errno; addresses in hex; other values in decimal. */
    private static String result(long v, boolean address) {
        if (WireValues.isErrno(v)) {
            String name = Errno.name((int) -v);
            return name != null ? "-" + name : Long.toString(v);
        }
        return address ? hex(v) : Long.toString(v);
    }
}
