package org.ptreplay.core.state;

import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.core.value.ThpSpec;

/**
 * Which folio orders an anonymous fault may use ({@code thp_vma_allowable_orders}): per size,
 * "always" allows, "madvise" allows under MADV_HUGEPAGE, "inherit" follows the top-level setting;
 * VM_NOHUGEPAGE forbids all. Anon mTHP orders start at 2 ({@code THP_ORDERS_ALL_ANON} masks 0 and 1).
 */
public final class ThpPolicy {
    private final long alwaysMask;
    private final long madviseMask;
    private final long inheritMask;
    private final String top;
    private final int pmdOrder;

    public ThpPolicy(ThpSpec spec, PageTableGeometry g) {
        this.pmdOrder = g.tableBits();
        long pageKb = g.pageSize() / 1024;
        long pmdKb = pageKb << pmdOrder;
        for (long kb : spec.perSizeKb().keySet()) {
            int order = Long.numberOfTrailingZeros(kb / Math.max(1, pageKb));
            if (kb < pageKb * 4 || kb > pmdKb) {
                throw new IllegalArgumentException("THP size " + kb + "K is not an anonymous mTHP size for "
                        + pageKb + "K pages (from " + (pageKb * 4) + "K to " + pmdKb + "K).");
            }
            assert order >= 2;
        }
        long a = 0;
        long m = 0;
        long i = 0;
        for (int order = 2; order <= pmdOrder; order++) {
            String s = spec.sizeSetting(pageKb << order, pmdKb);
            switch (s) {
                case "always" -> a |= 1L << order;
                case "madvise" -> m |= 1L << order;
                case "inherit" -> i |= 1L << order;
                default -> { }
            }
        }
        this.alwaysMask = a;
        this.madviseMask = m;
        this.inheritMask = i;
        this.top = spec.enabled();
    }

    public int pmdOrder() {
        return pmdOrder;
    }

    /** Bitmask of allowed anon orders (bit n = order n) for a VMA with these flags. */
    public long allowedOrders(int vmFlags) {
        if ((vmFlags & VmFlags.VM_NOHUGEPAGE) != 0) {
            return 0;
        }
        boolean madvised = (vmFlags & VmFlags.VM_HUGEPAGE) != 0;
        long mask = alwaysMask;
        if (madvised) {
            mask |= madviseMask;
        }
        if (top.equals("always") || (top.equals("madvise") && madvised)) {
            mask |= inheritMask;
        }
        return mask;
    }
}
