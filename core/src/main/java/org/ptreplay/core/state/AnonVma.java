package org.ptreplay.core.state;

/**
 * An {@code anon_vma} (include/linux/rmap.h): VMAs split from one another share it; fork gives
 * the child's VMA a new one under the same root. Identity decides the VMA merge rules; the
 * address prices its lines; the root, the reference count and the number of chain entries in
 * its interval tree decide when {@code unlink_anon_vmas} frees it (docs/kernel-model.md §2.9).
 */
public final class AnonVma {
    private final long id;
    /** The root of its fork hierarchy: itself unless made by {@code anon_vma_fork}. */
    private final AnonVma root;
    /** Simulated kernel address of the {@code anon_vma} (docs/kernel-model.md §2.8); 0 until given one. */
    private long slab;
    /** {@code refcount}: 1 from {@code anon_vma_alloc}, +1 per live anon_vma whose root this is. */
    private int refcount = 1;
    /** Chain entries in its interval tree ({@code rb_root}). */
    private int linked;

    public AnonVma(long id) {
        this(id, null);
    }

    /** @param parent the anon_vma it was forked from, or null for a new root */
    public AnonVma(long id, AnonVma parent) {
        this.id = id;
        this.root = parent == null ? this : parent.root;
        if (parent != null) {
            // anon_vma_fork: get_anon_vma(anon_vma->root).
            root.refcount++;
        }
    }

    public long id() {
        return id;
    }

    public AnonVma root() {
        return root;
    }

    public long slab() {
        return slab;
    }

    public void setSlab(long address) {
        this.slab = address;
    }

    /** A chain entry was inserted in its interval tree ({@code anon_vma_chain_link}). */
    public void link() {
        linked++;
    }

    /** A chain entry left its interval tree; true when the tree is now empty. */
    public boolean unlink() {
        return --linked == 0;
    }

    /** {@code put_anon_vma}: true when the last reference went and it is to be freed. */
    public boolean put() {
        return --refcount == 0;
    }

    @Override
    public String toString() {
        return "anon_vma#" + id;
    }
}
