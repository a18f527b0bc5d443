package org.ptreplay.core.replay;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.core.value.EntryTotals;
import org.ptreplay.core.value.LedgerSnapshot;
import org.ptreplay.core.value.SimResult;

/**
 * Derived figures of one cell. "ns per PTE" divides the simulated time spent in a kernel path
 * (every path through the frame, its children included) by the entries that path handled: the
 * frames are {@code move_ptes}, {@code copy_pte_range} and {@code zap_pte_range}, the entries
 * those of {@link EntryTotals}. Flushes and frees done after the frame returns (e.g. the final
 * TLB flush of an munmap) are not in it. A figure whose denominator is 0 is absent.
 *
 * @param callsPerSimSecond per syscall kind: calls / simulated seconds spent in that kind
 * @param nsPerPteMoved     simulated ns in {@code move_ptes} per entry moved
 * @param nsPerPteCopied    simulated ns in {@code copy_pte_range} per entry copied
 * @param nsPerPteZapped    simulated ns in {@code zap_pte_range} per entry zapped
 */
public record CellMetrics(SortedMap<String, Double> callsPerSimSecond, Double nsPerPteMoved, Double nsPerPteCopied,
                          Double nsPerPteZapped) {

    public CellMetrics {
        callsPerSimSecond = Collections.unmodifiableSortedMap(new TreeMap<>(callsPerSimSecond));
    }

    public static CellMetrics of(SimResult result) {
        LedgerSnapshot ledger = result.ledger();
        SortedMap<String, Double> rate = new TreeMap<>();
        ledger.syscalls().forEach((kind, e) -> {
            if (e.ps() > 0) {
                rate.put(kind, round3(e.calls() * 1e12 / e.ps()));
            }
        });
        EntryTotals n = result.entries();
        return new CellMetrics(rate, perEntry(framePs(ledger, "move_ptes"), n.moved()),
                perEntry(framePs(ledger, "copy_pte_range"), n.copied()),
                perEntry(framePs(ledger, "zap_pte_range"), n.zapped()));
    }

    /** Picoseconds charged on every path that passes through {@code frame}. */
    public static long framePs(LedgerSnapshot ledger, String frame) {
        long sum = 0;
        for (Map.Entry<String, LedgerSnapshot.PathEntry> e : ledger.paths().entrySet()) {
            if (hasFrame(e.getKey(), frame)) {
                sum += e.getValue().ps();
            }
        }
        return sum;
    }

    static boolean hasFrame(String path, String frame) {
        int from = 0;
        while (true) {
            int i = path.indexOf(frame, from);
            if (i < 0) {
                return false;
            }
            int end = i + frame.length();
            if ((i == 0 || path.charAt(i - 1) == ';') && (end == path.length() || path.charAt(end) == ';')) {
                return true;
            }
            from = i + 1;
        }
    }

    private static Double perEntry(long ps, long entries) {
        return entries == 0 ? null : round3(ps / 1000.0 / entries);
    }

    /** Three decimals: enough for ns and calls per second, and short in JSON. */
    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
