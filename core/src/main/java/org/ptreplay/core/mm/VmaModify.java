package org.ptreplay.core.mm;

import java.util.List;

/** {@code vma_modify_flags}: split the VMAs of a range, change their flags, merge what became compatible. */
final class VmaModify {
    private VmaModify() {
    }

    interface FlagChange {
        int apply(int flags);
    }

    static void modify(Mm mm, long start, long end, FlagChange change) {
        List<Vma> pieces = mm.vmas().isolate(start, end);
        for (Vma v : pieces) {
            v.flags = change.apply(v.flags);
        }
        for (Vma v : pieces) {
            if (mm.vmas().lookup(v.start) == v) {
                mm.vmas().mergeAround(v);
            }
        }
    }

    /** Whether [start, end) is covered by VMAs without a hole. */
    static boolean covered(Mm mm, long start, long end) {
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
