package org.ptreplay.core.linux.vma;

import java.util.List;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.Vma;

/**
 * {@code vma_modify_flags}: split the VMAs of a range, change their flags, merge what became
 * compatible, charging the VMA work of docs/kernel-model.md §2.7.
 */
public final class VmaModify {
    private VmaModify() {
    }

    public interface FlagChange {
        int apply(int flags);
    }

    public static void modify(KernelState c, Mm mm, long start, long end, FlagChange change) {
        // The walk to the first VMA of the range, then splits and merges (§2.7).
        VmaWork.find(c, mm, start);
        List<Vma> pieces = VmaWork.isolate(c, mm, start, end);
        for (Vma v : pieces) {
            v.flags = change.apply(v.flags);
        }
        for (Vma v : pieces) {
            if (mm.vmas().lookup(v.start) == v) {
                VmaWork.mergeAround(c, mm, v);
            }
        }
    }

    /** Whether [start, end) is covered by VMAs without a hole. */
    public static boolean covered(Mm mm, long start, long end) {
        long a = start;
        for (Vma v : mm.vmas().intersecting(start, end)) {
            if (v.start > a) {
                return false;
            }
            a = v.end;
        }
        return a >= end;
    }
}
