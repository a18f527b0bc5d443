package org.ptreplay.tools.calibrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ptreplay.core.profile.proto.Sourced;

/**
 * The pointer-chase sweep beyond L2 ({@code sweep.<bytes>} samples): working sets doubling up to
 * the reported last level. The last level one core really has ends where the latency climbs past
 * the geometric midpoint of the L2 and memory latencies; a VM may report its host's whole package.
 */
final class Sweep {
    private Sweep() {
    }

    /** The last level as the sweep sees it: its size and the latency measured at that size. */
    record Level(long bytes, Samples at, List<Samples> points) {
        String table() {
            return points.stream().map(s -> String.format(Locale.ROOT, "%s %.4g ns", CalibratedProfile.human(size(s)),
                    s.median())).collect(Collectors.joining(", "));
        }

        Sourced latency(double inner, String when) {
            Sourced s = CalibratedProfile.src(CalibratedProfile.round(at.median()), String.format(Locale.ROOT,
                    "pointer chase over %s: median of %d samples (each the best of 3 runs), spread %.1f %%%s,"
                            + " by ptreplay calibrate at %s [measured]", CalibratedProfile.human(size(at)),
                    at.values().size(), 100 * at.spread(), at.noisy() ? " (noisy)" : "", when));
            if (s.getValue() >= inner) {
                return s;
            }
            return CalibratedProfile.src(inner, s.getSource().replace(" [measured]", "") + String.format(Locale.ROOT,
                    "; below the inner level's %.4g ns, raised to it because latencies cannot fall outwards"
                            + " [measured, raised]", inner));
        }
    }

    static Level lastLevel(Calibration c, long reported) {
        List<Samples> points = new ArrayList<>(c.measurements().values().stream()
                .filter(s -> s.name().startsWith("sweep.")).sorted(Comparator.comparingLong(Sweep::size)).toList());
        if (points.isEmpty()) {
            throw new IllegalStateException("the calibration has no pointer-chase sweep beyond L2");
        }
        double l2 = c.get("latency.L2").orElseThrow().median();
        double memory = c.get("latency.memory").orElseThrow().median();
        double midpoint = Math.sqrt(l2 * memory);
        Samples within = points.get(0);
        for (Samples s : points) {
            if (s.median() <= midpoint && size(s) <= reported) {
                within = s;
            }
        }
        long bytes = Math.min(reported, size(within) == size(points.get(points.size() - 1)) ? reported : size(within));
        return new Level(bytes, within, points);
    }

    static long size(Samples s) {
        return Long.parseLong(s.name().substring("sweep.".length()));
    }
}
