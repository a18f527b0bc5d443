package org.ptreplay.core.state;

import java.util.ArrayList;
import java.util.List;

/**
 * A file the VMAs map, as far as the VMA layer touches it (docs/kernel-model.md §2.10): its
 * {@code struct file} and inode at simulated addresses, and the VMAs in its {@code address_space}'s
 * {@code i_mmap} interval tree, kept in the tree's order (by page offset, then start).
 */
public final class MappedFile {
    private final long filp;
    private final long inode;
    private final List<Vma> iMmap = new ArrayList<>(2);

    MappedFile(long filp, long inode) {
        this.filp = filp;
        this.inode = inode;
    }

    /** The {@code struct file}'s address. */
    public long filp() {
        return filp;
    }

    /** The inode's address; its {@code address_space} lies inside it. */
    public long inode() {
        return inode;
    }

    /** The VMAs in the {@code i_mmap} tree, in the tree's order. Read-only for callers. */
    public List<Vma> iMmap() {
        return iMmap;
    }

    /** Where {@code v} goes (or is) in the tree's order. */
    public int position(Vma v) {
        int lo = 0;
        int hi = iMmap.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            Vma m = iMmap.get(mid);
            if (m.pgoff < v.pgoff || (m.pgoff == v.pgoff && m.start < v.start)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public void insert(Vma v) {
        iMmap.add(position(v), v);
    }

    /** @return whether {@code v} was in the tree */
    public boolean remove(Vma v) {
        for (int i = 0; i < iMmap.size(); i++) {
            if (iMmap.get(i) == v) {
                iMmap.remove(i);
                return true;
            }
        }
        return false;
    }

    public boolean contains(Vma v) {
        for (Vma m : iMmap) {
            if (m == v) {
                return true;
            }
        }
        return false;
    }
}
