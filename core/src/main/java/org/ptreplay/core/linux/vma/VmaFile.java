package org.ptreplay.core.linux.vma;

import java.util.List;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.state.MappedFile;
import org.ptreplay.core.state.Vma;
import org.ptreplay.spi.ops.Ledger;
import org.ptreplay.spi.ops.Primitive;

/**
 * The file side of a file-backed or shmem VMA (docs/kernel-model.md §2.10): the reference the VMA
 * holds on its {@code struct file} ({@code get_file}, {@code fput}) and its node in the file's
 * {@code i_mmap} interval tree, written under {@code i_mmap_rwsem} ({@code vma_link_file},
 * {@code unlink_file_vma}, and the remove and re-insert {@code vma_prepare} and
 * {@code vma_complete} do around a VMA whose range changes; mm/vma.c, 6.12+, mm/mmap.c before).
 * Anonymous VMAs have none of it. Every line goes through the cache model: the file's
 * {@code f_count}, the {@code address_space}'s tree root and rwsem, and the {@code shared.rb}
 * line of each VMA the tree operation passes.
 */
public final class VmaFile {
    private static final int LINE = 64;
    /** {@code struct file}: the reference count is on its first line (f_ref, 6.13+; f_count before). */
    private static final int F_COUNT = 0;
    /**
     * The inode's {@code i_data} ({@code struct address_space}): its {@code i_mmap} root and, one
     * line on, {@code i_mmap_rwsem} [approximate: offsets from the structures' order, not a build].
     */
    private static final int I_MMAP = 5;
    private static final int I_MMAP_RWSEM = 6;
    /** The {@code vm_area_struct} line with {@code shared.rb} and {@code rb_subtree_last} (§2.8's line 1). */
    private static final int VMA_SHARED = 1;

    private VmaFile() {
    }

    /** {@code get_file}: the VMA's new reference on its file. */
    static void getFile(KernelState c, Vma v) {
        c.ledger.touch(Primitive.FILE_REF, c.file(v.file()).filp() + F_COUNT * LINE);
    }

    /**
     * {@code vma_link_file} (from {@code vma_link} and {@code __mmap_region}, and {@code
     * __split_vma}'s new part in {@code vma_complete}): {@code i_mmap_lock_write}, then the VMA
     * inserted into the interval tree.
     */
    static void linkFile(KernelState c, Vma v) {
        if (v.isAnonymous()) {
            return;
        }
        MappedFile f = c.file(v.file());
        iMmapLockWrite(c, f);
        insert(c, f, v);
    }

    /**
     * {@code vma_prepare} / {@code vma_complete} around a file VMA whose range changes (a split's
     * old part, a merge's survivor): under one {@code i_mmap_lock_write} the VMA leaves the tree and
     * goes back with its new range; {@code inserted}, a split's new part, is linked as well.
     */
    static void adjust(KernelState c, Vma v, Vma inserted) {
        if (v.isAnonymous()) {
            return;
        }
        MappedFile f = c.file(v.file());
        iMmapLockWrite(c, f);
        if (remove(c, f, v)) {
            insert(c, f, v);
        }
        if (inserted != null) {
            insert(c, f, inserted);
        }
    }

    /**
     * {@code unlink_file_vma} (from {@code free_pgtables}, and {@code vma_complete} for a VMA a
     * merge removes), then {@code remove_vma}'s {@code fput}: only for a VMA the tree holds, which
     * holds the file reference; a range a merge absorbed before it was ever linked has neither.
     */
    static void unlinkFile(KernelState c, Vma v) {
        if (v.isAnonymous()) {
            return;
        }
        MappedFile f = c.file(v.file());
        if (!f.contains(v)) {
            return;
        }
        iMmapLockWrite(c, f);
        remove(c, f, v);
        c.ledger.touch(Primitive.FILE_REF, f.filp() + F_COUNT * LINE);
    }

    /**
     * The {@code i_mmap_rwsem} word of {@code take_rmap_locks} (mm/mremap.c) for a file VMA; the
     * lock's own price is the caller's {@code RMAPLOCK}.
     */
    public static void rmapLockLine(KernelState c, Vma v) {
        if (!v.isAnonymous()) {
            c.ledger.touch(Primitive.KOBJ_LINE, c.file(v.file()).inode() + I_MMAP_RWSEM * LINE);
        }
    }

    /** {@code i_mmap_lock_write} and its unlock: the rwsem pair and the line it lives on. */
    private static void iMmapLockWrite(KernelState c, MappedFile f) {
        c.ledger.charge(Primitive.RMAPLOCK);
        c.ledger.touch(Primitive.KOBJ_LINE, f.inode() + I_MMAP_RWSEM * LINE);
    }

    /**
     * {@code vma_interval_tree_insert}: from the root ({@code i_mmap}, read) down the nodes a
     * search for the VMA's place passes (each node's {@code shared.rb} line, whose subtree end
     * the augmented insert updates), then the new node linked. The tree is an rbtree kept
     * balanced: the model takes the path of a binary search over the nodes in order
     * [approximate: an rbtree's path is up to twice as long].
     */
    private static void insert(KernelState c, MappedFile f, Vma v) {
        Ledger ledger = c.ledger;
        ledger.touch(Primitive.KOBJ_LINE, f.inode() + I_MMAP * LINE);
        path(c, f.iMmap(), f.position(v));
        ledger.touch(Primitive.VMA_LINE, c.vmaAddress(v) + VMA_SHARED * LINE);
        f.insert(v);
    }

    /**
     * {@code vma_interval_tree_remove}: the node unlinked, the subtree ends on the way up to the
     * root recomputed (the same path as a search for it), the root read.
     */
    private static boolean remove(KernelState c, MappedFile f, Vma v) {
        int at = f.iMmap().indexOf(v);
        if (at < 0) {
            return false;
        }
        Ledger ledger = c.ledger;
        ledger.touch(Primitive.KOBJ_LINE, f.inode() + I_MMAP * LINE);
        path(c, f.iMmap(), at);
        ledger.touch(Primitive.VMA_LINE, c.vmaAddress(v) + VMA_SHARED * LINE);
        f.remove(v);
        return true;
    }

    /** The nodes a binary search for index {@code at} passes, other than the one at {@code at}. */
    private static void path(KernelState c, List<Vma> nodes, int at) {
        int lo = 0;
        int hi = nodes.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (mid == at) {
                return;
            }
            c.ledger.touch(Primitive.VMA_LINE, c.vmaAddress(nodes.get(mid)) + VMA_SHARED * LINE);
            if (mid < at) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
    }
}
