package org.ptreplay.spi.ops;

/**
 * Where every primitive is charged: to the current path stack and to the trace event being
 * replayed. One ledger per replay cell; not thread-safe.
 *
 * <p>Implementations must not allocate or build strings per call: these methods run once per
 * PTE. Frames are interned ({@link Frame}) so {@link #enter} is a child lookup in a small tree.
 */
public interface Ledger {

    /** Pushes a frame on the path stack. */
    void enter(Frame frame);

    /** Pops {@code frame}, which must be the top of the stack. */
    void exit(Frame frame);

    /** Charges one {@code p} that touches no modelled memory. */
    default void charge(Primitive p) {
        charge(p, 1);
    }

    /**
     * Charges one operation of multiplicity {@code n}: {@code n} is added to the count of {@code p}.
     * The price may be non-linear in {@code n} (an IPI shootdown to n CPUs is one round trip).
     */
    void charge(Primitive p, long n);

    /**
     * Charges one memory-touching {@code p} at simulated physical address {@code pa}: a page-table
     * slot ({@code ptep}), a vmemmap {@code struct page} line, or user data. The cache model prices it.
     */
    void touch(Primitive p, long pa);
}
