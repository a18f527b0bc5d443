package org.ptreplay.core.linux.memory;

import java.util.function.IntConsumer;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.spi.ops.Primitive;

/**
 * Zeroing a new anonymous folio before it is mapped (mm/memory.c): {@code clear_page} of an order-0
 * page ({@code __GFP_ZERO} of {@code vma_alloc_zeroed_movable_folio}) and {@code folio_zero_user}
 * of a large folio. The time is {@link Primitive#PAGE_ZERO} per page, at the profile's zeroing
 * bandwidth; the stores also go through the cache model, line by line like a user-data stream
 * (issue #15), because on a real machine they evict the kernel's own lines (page tables, struct
 * pages) and leave the new page's lines cached for the access that faulted.
 *
 * <p>A large folio is cleared in the order of {@code process_huge_page} (c79b57e462b5 "mm:
 * hugetlb: clear target sub-page last when clearing huge page", 4.14; {@code folio_zero_user}
 * since 6.11): the subpages far from the faulting one first, then towards it from both sides
 * alternately, the faulting subpage last, so that its lines are the most recently used.
 */
final class FolioZeroUser {
    private FolioZeroUser() {
    }

    /** Zeroes the {@code nr} pages of {@code folio} for a fault at {@code addrHint}. */
    static void folioZeroUser(KernelState cell, long folio, int nr, long addrHint) {
        cell.ledger.charge(Primitive.PAGE_ZERO, nr);
        long page = cell.pageSize();
        long pa = cell.phys.pa(folio);
        if (nr == 1) {
            // clear_page of an order-0 page: no order to choose, and no lambda on every fault.
            cell.ledger.writeLines(pa, page);
            return;
        }
        int target = (int) ((addrHint >>> Long.numberOfTrailingZeros(page)) & (nr - 1));
        processHugePage(nr, target, i -> cell.ledger.writeLines(pa + i * page, page));
    }

    /**
     * {@code process_huge_page}'s order over the {@code nr} subpages of a folio whose subpage
     * {@code target} faulted: the far end first, then inwards from both sides, {@code target} last.
     */
    static void processHugePage(int nr, int target, IntConsumer subpage) {
        int base;
        int l;
        if (2 * target <= nr) {
            // The target in the first half: the end of the folio first, downwards.
            base = 0;
            l = target;
            for (int i = nr - 1; i >= 2 * target; i--) {
                subpage.accept(i);
            }
        } else {
            // The target in the second half: the beginning first, upwards.
            base = nr - 2 * (nr - target);
            l = nr - target;
            for (int i = 0; i < base; i++) {
                subpage.accept(i);
            }
        }
        // The 2 * l subpages around the target, left and right alternately, inwards.
        for (int i = 0; i < l; i++) {
            subpage.accept(base + i);
            subpage.accept(base + 2 * l - 1 - i);
        }
    }
}
