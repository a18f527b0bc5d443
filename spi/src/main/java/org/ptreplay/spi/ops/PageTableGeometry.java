package org.ptreplay.spi.ops;

/**
 * Page-table shape of an architecture configuration. Every table is one base page of 8-byte
 * entries, so a table has {@code pageSize / 8} entries at every level (docs/kernel-model.md §1.1).
 *
 * @param pageShift base page shift: 12 (4K), 14 (16K), 16 (64K)
 * @param levels    translation levels: 4 for now (5-level reserved); 3 for arm64 64K with 48-bit VA
 * @param vaBits    user virtual-address bits, e.g. 47 on x86-64 4-level, 48 on arm64
 * @param contPtes  CONT_PTES: entries per arm64 contpte block (16/128/32), 1 where there is none (x86)
 */
public record PageTableGeometry(int pageShift, int levels, int vaBits, int contPtes) {

    public PageTableGeometry {
        if (pageShift != 12 && pageShift != 14 && pageShift != 16) {
            throw new IllegalArgumentException("page shift must be 12, 14 or 16: " + pageShift);
        }
        if (levels < 2 || levels > 5) {
            throw new IllegalArgumentException("levels must be 2..5: " + levels);
        }
        if (contPtes < 1 || Integer.bitCount(contPtes) != 1) {
            throw new IllegalArgumentException("contPtes must be a power of two: " + contPtes);
        }
    }

    public long pageSize() {
        return 1L << pageShift;
    }

    /** log2 of the entries per table. */
    public int tableBits() {
        return pageShift - 3;
    }

    /** PTRS_PER_PTE (and per PMD, PUD). */
    public int ptrsPerTable() {
        return 1 << tableBits();
    }

    public int pmdShift() {
        return pageShift + tableBits();
    }

    public long pmdSize() {
        return 1L << pmdShift();
    }

    /** PUD shift; meaningful when {@link #levels()} &ge; 4 (otherwise the PUD is folded). */
    public int pudShift() {
        return pmdShift() + tableBits();
    }

    public long pudSize() {
        return 1L << pudShift();
    }

    public boolean hasPud() {
        return levels >= 4;
    }

    /** Bytes covered by one contpte block. */
    public long contSize() {
        return (long) contPtes << pageShift;
    }
}
