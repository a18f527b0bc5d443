package org.ptreplay.core.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the page allocator puts order-0 folios: it decides how local the vmemmap lines (struct
 * pages) of neighbouring PTEs are, and with it whether the stream prefetcher can fetch them
 * (docs/kernel-model.md §10, docs/profiles.md "Physical placement"). Large folios always come
 * from the buddy lists.
 */
public sealed interface Placement permits Placement.Fraction, Placement.Buddy {
    /** A freshly booted machine without an allocator model: consecutive allocations get consecutive pfns. */
    Fraction SEQUENTIAL = new Fraction(0);
    /** Every order-0 page scattered over a 1 GiB arena. */
    Fraction SCATTERED = new Fraction(1);
    /** What {@code aged} stands for when no fraction is given (an assumption, the default before the allocator model). */
    double AGED_FRACTION = 0.5;
    /**
     * The default of replay, compare and validate: the page allocator (a per-CPU list over the
     * buddy lists) starting from the measured free memory of a machine that has been up for a
     * while ({@link BuddyInfo#MEASURED}).
     */
    Placement DEFAULT = new Buddy(BuddyInfo.MEASURED);

    /**
     * The page allocator itself: order-0 pages through a LIFO per-CPU list refilled from and
     * drained to buddy free lists that start as {@code free} describes, the smallest free order
     * split first (docs/kernel-model.md §10).
     */
    record Buddy(BuddyInfo free) implements Placement {
        @Override
        public String label() {
            if (free.equals(BuddyInfo.MEASURED)) {
                return "buddy";
            }
            if (free.equals(BuddyInfo.MEASURED.fresh())) {
                return "buddy:fresh";
            }
            StringBuilder b = new StringBuilder("buddy:");
            for (int o = 0; o < free.nrFree().size(); o++) {
                b.append(o == 0 ? "" : ",").append(free.nrFree().get(o));
            }
            return b.toString();
        }
    }

    /**
     * No allocator model: a fraction {@code scattered} of order-0 allocations that find no freed
     * page to reuse take a page from a seeded permutation of a 1 GiB arena; the others split the
     * next free block, so consecutive allocations get consecutive pfns.
     *
     * @param scattered the fraction of such allocations that are scattered, from 0 to 1
     */
    record Fraction(double scattered) implements Placement {
        public Fraction {
            if (!(scattered >= 0 && scattered <= 1)) {
                throw new IllegalArgumentException("the scattered fraction must be from 0 to 1, not " + scattered);
            }
        }

        @Override
        public String label() {
            if (scattered == 0) {
                return "sequential";
            }
            if (scattered == 1) {
                return "scattered";
            }
            return "aged:" + java.math.BigDecimal.valueOf(scattered).stripTrailingZeros().toPlainString();
        }
    }

    /** The spelling {@link #parse} reads back, e.g. {@code buddy}, {@code sequential} or {@code aged:0.5}. */
    String label();

    /**
     * {@code buddy} (the measured machine), {@code buddy:fresh}, {@code buddy:N0,N1,…} (free
     * blocks per order, as /proc/buddyinfo lists them, in the measured zone), {@code sequential},
     * {@code scattered}, {@code aged} or {@code aged:FRACTION} (FRACTION from 0 to 1).
     *
     * @throws IllegalArgumentException one sentence saying what is accepted
     */
    static Placement parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "sequential":
                return SEQUENTIAL;
            case "scattered":
                return SCATTERED;
            case "aged":
                return new Fraction(AGED_FRACTION);
            case "buddy":
                return DEFAULT;
            case "buddy:fresh":
                return new Buddy(BuddyInfo.MEASURED.fresh());
            default:
                break;
        }
        try {
            if (t.startsWith("aged:")) {
                return new Fraction(Double.parseDouble(t.substring(5)));
            }
            if (t.startsWith("buddy:")) {
                List<Long> counts = new ArrayList<>();
                for (String n : t.substring(6).split(",", -1)) {
                    counts.add(Long.parseLong(n.trim()));
                }
                return new Buddy(BuddyInfo.MEASURED.withFree(counts));
            }
        } catch (IllegalArgumentException e) {
            // NumberFormatException included: fall through to the sentence below.
        }
        throw new IllegalArgumentException("placement must be buddy, buddy:fresh, buddy:N0,N1,... (free blocks per"
                + " order), sequential, scattered, aged or aged:FRACTION with a FRACTION from 0 to 1, not '" + text + "'");
    }
}
