package org.ptreplay.tools.trace;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.ptreplay.trace.TraceHeader;

/** A trace header as JSON and as text, for every command that shows one. */
final class HeaderJson {
    private HeaderJson() {
    }

    static Map<String, Object> of(TraceHeader h) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("kind", h.source().kind().name().toLowerCase(java.util.Locale.ROOT));
        source.put("detail", h.source().detail());
        source.put("params", h.source().params());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("arch", h.machine().arch());
        machine.put("page_size", h.machine().pageSize());
        machine.put("kernel_release", h.machine().kernelRelease());
        machine.put("thp", h.machine().thp());
        machine.put("cpus", h.machine().cpuCount());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format_version", h.formatVersion());
        header.put("required_features", h.requiredFeatures());
        header.put("producer", h.producer());
        header.put("source", source);
        header.put("machine", machine);
        header.put("event_count_hint", h.eventCountHint());
        return header;
    }

    static void describe(TraceHeader h, StringBuilder out) {
        out.append("format:      version ").append(h.formatVersion()).append(", written by ").append(h.producer()).append('\n');
        out.append("source:      ").append(h.source().kind().name().toLowerCase(java.util.Locale.ROOT));
        if (!h.source().detail().isEmpty()) {
            out.append(" (").append(h.source().detail()).append(')');
        }
        if (!h.source().params().isEmpty()) {
            out.append(", ").append(h.source().params().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        }
        out.append('\n');
        TraceHeader.Machine m = h.machine();
        out.append("machine:     ");
        if (m.equals(TraceHeader.Machine.UNKNOWN)) {
            out.append("unknown\n");
            return;
        }
        out.append(m.arch().isEmpty() ? "arch unknown" : m.arch())
                .append(", ").append(m.pageSize() > 0 ? Units.bytes(m.pageSize()) + " pages" : "page size unknown")
                .append(", ").append(m.kernelRelease().isEmpty() ? "kernel unknown" : "Linux " + m.kernelRelease())
                .append(", ").append(m.cpuCount() > 0 ? m.cpuCount() + " CPUs" : "CPUs unknown").append('\n');
        m.thp().forEach((k, v) -> out.append("  thp ").append(k).append(": ").append(v).append('\n'));
    }
}
