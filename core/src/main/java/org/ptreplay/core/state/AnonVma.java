package org.ptreplay.core.state;

/**
 * Identity of an {@code anon_vma}: VMAs split from one another share it; fork gives the child's
 * VMA a new one chained to the parent's. Identity decides the VMA merge rules; the address prices its lines.
 */
public final class AnonVma {
    private final long id;
    /** Simulated kernel address of the {@code anon_vma} (docs/kernel-model.md §2.8); 0 until given one. */
    private long slab;

    public AnonVma(long id) {
        this.id = id;
    }

    public long id() {
        return id;
    }

    public long slab() {
        return slab;
    }

    public void setSlab(long address) {
        this.slab = address;
    }

    @Override
    public String toString() {
        return "anon_vma#" + id;
    }
}
