package org.ptreplay.tools.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.replay.CellMetrics;
import org.ptreplay.core.replay.CellResult;
import org.ptreplay.core.replay.ReplayOutcome;
import org.ptreplay.core.value.LedgerSnapshot;

/**
 * The sweep's tidy table: one row per (grid point, cell, syscall kind). Columns: the job's index,
 * its axes ({@code trace}, one {@code p_<name>} per generator parameter, {@code thp}, {@code cpus},
 * {@code concurrency}), the cell ({@code arch} with its options, {@code strategy}, {@code profile}),
 * {@code syscall}, then the figures: {@code calls}, {@code sim_ps} (simulated picoseconds of the
 * kind), {@code sim_ns_per_call}, {@code calls_per_sim_s}, the cell's {@code ns_per_pte_moved},
 * {@code ns_per_pte_copied} and {@code ns_per_pte_zapped} (null when the cell handled no such
 * entry), and the kind's count of every primitive, {@code count_<primitive>}.
 */
public final class TidyTable {
    /** The columns that identify a row besides the parameters, in order. */
    public static final List<String> AXES_AFTER_PARAMS = List.of("thp", "cpus", "concurrency", "arch", "strategy", "profile");
    public static final String PARAM_PREFIX = "p_";
    public static final String COUNT_PREFIX = "count_";

    private final List<Column> columns;

    private TidyTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** The table of a sweep whose generator takes {@code paramNames} (sorted; none for a corpus). */
    public static TidyTable forParams(List<String> paramNames) {
        List<Column> c = new ArrayList<>();
        c.add(new Column("job", Column.Type.LONG));
        c.add(new Column("trace", Column.Type.STRING));
        for (String p : paramNames) {
            c.add(new Column(PARAM_PREFIX + p, Column.Type.STRING));
        }
        c.add(new Column("thp", Column.Type.STRING));
        c.add(new Column("cpus", Column.Type.LONG));
        c.add(new Column("concurrency", Column.Type.LONG));
        for (String s : List.of("arch", "strategy", "profile", "syscall")) {
            c.add(new Column(s, Column.Type.STRING));
        }
        c.add(new Column("calls", Column.Type.LONG));
        c.add(new Column("sim_ps", Column.Type.LONG));
        for (String s : List.of("sim_ns_per_call", "calls_per_sim_s", "ns_per_pte_moved", "ns_per_pte_copied", "ns_per_pte_zapped")) {
            c.add(new Column(s, Column.Type.DOUBLE));
        }
        for (int i = 0; i < Primitive.count(); i++) {
            c.add(new Column(COUNT_PREFIX + Primitive.byOrdinal(i).key().toLowerCase(java.util.Locale.ROOT), Column.Type.LONG));
        }
        return new TidyTable(c);
    }

    /** The table whose CSV header is {@code header}: the parameters are its {@code p_} columns. */
    public static TidyTable forHeader(List<String> header) {
        List<String> params = header.stream().filter(h -> h.startsWith(PARAM_PREFIX))
                .map(h -> h.substring(PARAM_PREFIX.length())).toList();
        TidyTable t = forParams(params);
        if (!t.names().equals(header)) {
            throw new IllegalArgumentException("not a sweep table header: " + String.join(",", header));
        }
        return t;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** The names of the axis columns: trace, parameters, THP, CPUs, concurrency and the cell. */
    public List<String> axes() {
        List<String> a = new ArrayList<>();
        a.add("trace");
        for (Column c : columns) {
            if (c.name().startsWith(PARAM_PREFIX)) {
                a.add(c.name());
            }
        }
        a.addAll(AXES_AFTER_PARAMS);
        return a;
    }

    /** The rows of one finished job: per cell in plan order, per syscall kind in name order. */
    public List<Object[]> rows(SweepJob job, ReplayOutcome outcome) {
        List<Object[]> rows = new ArrayList<>();
        for (CellResult cell : outcome.cells()) {
            CellMetrics m = CellMetrics.of(cell.result());
            String label = cell.spec().label();
            String arch = label.substring(0, label.indexOf('/'));
            for (Map.Entry<String, LedgerSnapshot.KindEntry> k : cell.result().ledger().syscalls().entrySet()) {
                LedgerSnapshot.KindEntry e = k.getValue();
                List<Object> r = new ArrayList<>();
                r.add((long) job.index());
                r.add(job.traceName());
                for (Column c : columns) {
                    if (c.name().startsWith(PARAM_PREFIX)) {
                        r.add(job.params().get(c.name().substring(PARAM_PREFIX.length())));
                    }
                }
                r.add(job.thp().label());
                r.add((long) job.cpus());
                r.add((long) job.concurrency());
                r.add(arch);
                r.add(cell.spec().kernel().name());
                r.add(cell.spec().profile().name());
                r.add(k.getKey());
                r.add(e.calls());
                r.add(e.ps());
                r.add(e.calls() == 0 ? null : e.ps() / 1000.0 / e.calls());
                r.add(m.callsPerSimSecond().get(k.getKey()));
                r.add(m.nsPerPteMoved());
                r.add(m.nsPerPteCopied());
                r.add(m.nsPerPteZapped());
                for (int i = 0; i < Primitive.count(); i++) {
                    r.add(e.counts().get(Primitive.byOrdinal(i)));
                }
                rows.add(r.toArray());
            }
        }
        return rows;
    }
}
