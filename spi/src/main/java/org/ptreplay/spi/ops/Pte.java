package org.ptreplay.spi.ops;

/**
 * The simulated {@code pte_t}: a {@code long} holding a pfn and the software-visible bits.
 * One encoding serves every architecture; {@link #CONT} is the arch bit (arm64 PTE_CONT).
 * PMD and PUD entries use the same encoding, with {@link #TABLE} set when they point to a table
 * and {@link #LEAF} when they map a huge folio.
 *
 * <p>Plain static functions on a primitive so that the hot loops never allocate.
 */
public final class Pte {
    private Pte() {
    }

    public static final long NONE = 0L;

    public static final long PRESENT = 1L;
    public static final long WRITE = 1L << 1;
    public static final long DIRTY = 1L << 2;
    public static final long YOUNG = 1L << 3;
    public static final long SOFT_DIRTY = 1L << 4;
    /** pte_special: no struct page behind it (the zero page, PFNMAP). */
    public static final long SPECIAL = 1L << 5;
    /** arm64 contiguous bit. */
    public static final long CONT = 1L << 6;
    /** Upper levels: the entry points to a lower table. */
    public static final long TABLE = 1L << 7;
    /** Upper levels: the entry maps a huge folio (THP). */
    public static final long LEAF = 1L << 8;

    public static final int PFN_SHIFT = 12;
    private static final long FLAG_MASK = (1L << PFN_SHIFT) - 1;

    public static long make(long pfn, long flags) {
        return (pfn << PFN_SHIFT) | (flags & FLAG_MASK);
    }

    public static boolean none(long pte) {
        return pte == NONE;
    }

    public static boolean present(long pte) {
        return (pte & PRESENT) != 0;
    }

    public static long pfn(long pte) {
        return pte >>> PFN_SHIFT;
    }

    public static long flags(long pte) {
        return pte & FLAG_MASK;
    }

    public static boolean write(long pte) {
        return (pte & WRITE) != 0;
    }

    public static boolean dirty(long pte) {
        return (pte & DIRTY) != 0;
    }

    public static boolean young(long pte) {
        return (pte & YOUNG) != 0;
    }

    public static boolean softDirty(long pte) {
        return (pte & SOFT_DIRTY) != 0;
    }

    public static boolean special(long pte) {
        return (pte & SPECIAL) != 0;
    }

    public static boolean cont(long pte) {
        return (pte & CONT) != 0;
    }

    public static long mkold(long pte) {
        return pte & ~YOUNG;
    }

    public static long mkyoung(long pte) {
        return pte | YOUNG;
    }

    public static long mkclean(long pte) {
        return pte & ~DIRTY;
    }

    public static long mkdirty(long pte) {
        return pte | DIRTY;
    }

    public static long wrprotect(long pte) {
        return pte & ~WRITE;
    }

    public static long mkwrite(long pte) {
        return pte | WRITE;
    }

    public static long mkSoftDirty(long pte) {
        return pte | SOFT_DIRTY;
    }

    public static long mkcont(long pte) {
        return pte | CONT;
    }

    public static long mknoncont(long pte) {
        return pte & ~CONT;
    }

    /** The same entry mapping the pfn {@code nr} pages further on ({@code pte_advance_pfn}). */
    public static long advancePfn(long pte, long nr) {
        return pte + (nr << PFN_SHIFT);
    }

    /** {@code pte_next_pfn}. */
    public static long nextPfn(long pte) {
        return advancePfn(pte, 1);
    }

    /** A readable form for messages and test failures, e.g. {@code pfn=0x1234 P W D Y C}. */
    public static String describe(long pte) {
        if (pte == NONE) {
            return "none";
        }
        StringBuilder sb = new StringBuilder("pfn=0x").append(Long.toHexString(pfn(pte)));
        if (present(pte)) sb.append(" P");
        if (write(pte)) sb.append(" W");
        if (dirty(pte)) sb.append(" D");
        if (young(pte)) sb.append(" Y");
        if (softDirty(pte)) sb.append(" SD");
        if (special(pte)) sb.append(" S");
        if (cont(pte)) sb.append(" C");
        if ((pte & TABLE) != 0) sb.append(" T");
        if ((pte & LEAF) != 0) sb.append(" L");
        return sb.toString();
    }
}
