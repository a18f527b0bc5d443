package org.ptreplay.tools.nativeexec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ptreplay.tools.text.Table;

/**
 * The text form of a native run beside the simulated cells of the same document: one row per
 * syscall kind the run timed, with calls, the measured time (median over runs) and its spread,
 * then every simulated cell's time and its ratio to the measured one.
 */
public final class NativeText {
    private NativeText() {
    }

    /** {@code cells}: the document's cells, the native one among them (found by its label). */
    @SuppressWarnings("unchecked")
    public static String render(List<Object> cells) {
        Map<String, Object> nat = null;
        List<Map<String, Object>> sims = new ArrayList<>();
        for (Object o : cells) {
            Map<String, Object> c = (Map<String, Object>) o;
            if (NativeCell.LABEL.equals(c.get("label"))) {
                nat = c;
            } else {
                sims.add(c);
            }
        }
        if (nat == null) {
            return "";
        }
        Map<String, Object> info = (Map<String, Object>) nat.get("native");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nnative: this kernel (Linux %s), %d runs, THP %s; median and spread"
                + " = (max - min) / median over the runs; cpu = the calling thread's CPU time%n", info.get("kernel_release"), info.get("runs"), nat.get("thp")));
        for (Object note : (List<Object>) info.get("notes")) {
            out.append("  ").append(note).append('\n');
        }
        for (int i = 0; i < sims.size(); i++) {
            out.append("  [").append(i).append("] ").append(sims.get(i).get("label")).append('\n');
        }
        List<String> header = new ArrayList<>(List.of("", "calls", "native (us)", "spread", "cpu (us)"));
        for (int i = 0; i < sims.size(); i++) {
            header.add("[" + i + "] (us)");
            header.add("[" + i + "]/native");
            header.add("[" + i + "]/cpu");
        }
        Table t = new Table(header.toArray(String[]::new));
        Map<String, Object> bySyscall = (Map<String, Object>) nat.get("by_syscall");
        Map<String, Object> spread = (Map<String, Object>) info.get("spread");
        Map<String, Object> cpu = (Map<String, Object>) info.get("cpu");
        for (Map.Entry<String, Object> e : bySyscall.entrySet()) {
            String kind = e.getKey();
            Map<String, Object> k = (Map<String, Object>) e.getValue();
            long ns = ((Number) k.get("sim_ns")).longValue();
            long cpuNs = ((Number) ((Map<String, Object>) cpu.get(kind)).get("median_ns")).longValue();
            List<String> row = new ArrayList<>(List.of(kind, k.get("calls").toString(), us(ns),
                    String.format(Locale.ROOT, "%.1f %%", 100 * ((Number) spread.get(kind)).doubleValue()),
                    us(cpuNs)));
            for (Map<String, Object> sim : sims) {
                Map<String, Object> sk = (Map<String, Object>) ((Map<String, Object>) sim.get("by_syscall")).get(kind);
                long simNs = sk == null ? 0 : ((Number) sk.get("sim_ns")).longValue();
                row.add(us(simNs));
                row.add(ns == 0 ? "-" : String.format(Locale.ROOT, "%.3f", simNs / (double) ns));
                row.add(cpuNs == 0 ? "-" : String.format(Locale.ROOT, "%.3f", simNs / (double) cpuNs));
            }
            t.row(row.toArray(String[]::new));
        }
        out.append(t.render());
        return out.toString();
    }

    private static String us(long ns) {
        return String.format(Locale.ROOT, "%.1f", ns / 1000.0);
    }
}
