package org.ptreplay.tools.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ptreplay.core.value.ThpSpec;

/**
 * One value of the folio-size axis: a label for the table and the THP setting as {@code --thp}
 * of {@code replay} takes it.
 *
 * @param label   what the table and the plots show: the size ({@code 64K}) or the whole setting
 * @param setting sysfs-style settings ({@code 64K=always}); empty for the kernel defaults
 */
public record ThpPoint(String label, String setting) {

    /** The kernel defaults: no mTHP size enabled, PMD THP only on madvise. */
    public static final ThpPoint DEFAULT = new ThpPoint("default", "");

    /**
     * Parses one {@code --thp} argument of {@code sweep}. {@code 4K,16K,64K=always} is a list of
     * sizes sharing one value: one point per size, {@code 16K=always} and so on, where the base
     * page size {@code 4K} stands for "no large folio" (the kernel defaults, which map nothing
     * larger than a page in a workload that does not madvise). Anything else
     * ({@code enabled=always,2M=always}) is a single point, labelled with its text.
     *
     * @throws IllegalArgumentException one sentence naming the bad item
     */
    public static List<ThpPoint> parse(String argument) {
        String arg = argument.strip();
        if (arg.isEmpty() || arg.equals("default")) {
            return List.of(DEFAULT);
        }
        String[] items = arg.split(",");
        int last = items.length - 1;
        boolean sizeList = items.length > 1;
        for (int i = 0; i < last; i++) {
            sizeList &= !items[i].contains("=");
        }
        if (!sizeList) {
            check(arg);
            return List.of(new ThpPoint(arg, arg));
        }
        int eq = items[last].indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("THP list '" + arg + "' needs a value after its last size, e.g. 16K,64K=always.");
        }
        String value = items[last].substring(eq + 1).strip();
        List<ThpPoint> points = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            String size = (i == last ? items[i].substring(0, eq) : items[i]).strip().toUpperCase(Locale.ROOT);
            if (size.equals("4K") || size.equals("4KB")) {
                points.add(new ThpPoint("4K", ""));
            } else {
                String setting = size + "=" + value;
                check(setting);
                points.add(new ThpPoint(size, setting));
            }
        }
        return points;
    }

    /** The parsed setting. */
    public ThpSpec spec() {
        return ThpSpec.parse(setting);
    }

    private static void check(String setting) {
        ThpSpec.parse(setting);
    }
}
