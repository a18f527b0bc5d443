package org.ptreplay.core.state;

/**
 * Identity of an {@code anon_vma}: VMAs split from one another share it; fork gives the child's
 * VMA a new one chained to the parent's. Only identity matters to the model (VMA merge rules).
 */
public final class AnonVma {
    private final long id;

    public AnonVma(long id) {
        this.id = id;
    }

    public long id() {
        return id;
    }

    @Override
    public String toString() {
        return "anon_vma#" + id;
    }
}
