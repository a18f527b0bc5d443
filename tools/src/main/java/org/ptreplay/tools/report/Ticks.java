package org.ptreplay.tools.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A value axis from 0 with about five ticks at 1, 2 or 5 times a power of ten (Heckbert,
 * "Nice numbers for graph labels", Graphics Gems, 1990), so tick labels read {@code 2 ms},
 * {@code 4 ms} rather than {@code 1.73 ms}.
 *
 * @param step the distance between ticks, at least 1
 * @param top  the axis maximum: the first tick at or above the largest value, at least one step
 */
record Ticks(long step, long top) {

    static Ticks of(double max) {
        if (max <= 0) {
            return new Ticks(1, 1);
        }
        double raw = max / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        long step = Math.max(1, Math.round(nice * magnitude));
        long top = Math.max(step, (long) Math.ceil(max / step) * step);
        return new Ticks(step, top);
    }

    List<Long> values() {
        List<Long> out = new ArrayList<>();
        for (long v = 0; v <= top; v += step) {
            out.add(v);
        }
        return out;
    }
}
