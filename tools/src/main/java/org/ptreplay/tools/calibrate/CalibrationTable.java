package org.ptreplay.tools.calibrate;

import java.util.Locale;
import org.ptreplay.tools.text.Table;

/** The table {@code calibrate} prints: every measurement, its median, spread and samples, noisy ones marked. */
public final class CalibrationTable {
    private CalibrationTable() {
    }

    public static String render(Calibration c) {
        Table t = new Table("measurement", "median", "unit", "spread", "samples", "");
        for (Samples s : c.ordered()) {
            t.row(s.name(), String.format(Locale.ROOT, "%.4g", s.median()), s.unit(),
                    String.format(Locale.ROOT, "%.1f %%", 100 * s.spread()), Integer.toString(s.values().size()),
                    s.noisy() ? "NOISY" : "");
        }
        return t.render();
    }
}
