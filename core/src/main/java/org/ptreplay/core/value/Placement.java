package org.ptreplay.core.value;

import java.util.Locale;

/**
 * Where the page allocator puts order-0 folios: it decides how local the vmemmap lines (struct
 * pages) of neighbouring PTEs are, and with it whether the stream prefetcher can fetch them
 * (docs/kernel-model.md §9 item 10, docs/profiles.md "Physical placement").
 *
 * <p>A fraction {@code scattered} of order-0 allocations that find no freed page to reuse take a
 * page from a seeded permutation of a 1 GiB arena (free memory that an aged machine holds as
 * scattered order-0 fragments); the others split the next free block, so consecutive allocations
 * get consecutive pfns, as on a freshly booted machine. Large folios always come from the buddy
 * lists.
 *
 * @param scattered the fraction of such allocations that are scattered, from 0 to 1
 */
public record Placement(double scattered) {
    /** A freshly booted machine: consecutive allocations get consecutive pfns. */
    public static final Placement SEQUENTIAL = new Placement(0);
    /** Every order-0 page scattered over a 1 GiB arena. */
    public static final Placement SCATTERED = new Placement(1);
    /**
     * The fraction {@code aged} stands for when none is given: a machine that has been up a while
     * holds about half of its free memory as scattered order-0 pages [assumption: no measurement
     * that maps onto this fraction was found; docs/profiles.md shows what the validation cases do
     * at 0, 0.25, 0.5, 0.75 and 1].
     */
    public static final double AGED_FRACTION = 0.5;
    /** The default of replay, compare and validate: a machine that has been up a while. */
    public static final Placement DEFAULT = new Placement(AGED_FRACTION);

    public Placement {
        if (!(scattered >= 0 && scattered <= 1)) {
            throw new IllegalArgumentException("the scattered fraction must be from 0 to 1, not " + scattered);
        }
    }

    /**
     * {@code sequential}, {@code scattered}, {@code aged} or {@code aged:FRACTION} (FRACTION from 0
     * to 1, e.g. {@code aged:0.25}).
     *
     * @throws IllegalArgumentException one sentence saying what is accepted
     */
    public static Placement parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "sequential":
                return SEQUENTIAL;
            case "scattered":
                return SCATTERED;
            case "aged":
                return DEFAULT;
            default:
                break;
        }
        if (t.startsWith("aged:")) {
            try {
                return new Placement(Double.parseDouble(t.substring(5)));
            } catch (IllegalArgumentException e) {
                // NumberFormatException included: fall through to the sentence below.
            }
        }
        throw new IllegalArgumentException("placement must be sequential, scattered, aged or aged:FRACTION with a"
                + " FRACTION from 0 to 1, not '" + text + "'");
    }

    /** The spelling {@link #parse} reads back: {@code sequential}, {@code scattered} or {@code aged:0.5}. */
    public String label() {
        if (scattered == 0) {
            return "sequential";
        }
        if (scattered == 1) {
            return "scattered";
        }
        return "aged:" + java.math.BigDecimal.valueOf(scattered).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return label();
    }
}
