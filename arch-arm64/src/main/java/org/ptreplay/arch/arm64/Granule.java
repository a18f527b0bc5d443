package org.ptreplay.arch.arm64;

import org.ptreplay.spi.ops.PageTableGeometry;

/**
 * The arm64 translation granule (base page size) with a 48-bit user VA.
 *
 * <p>Levels follow the default of Kconfig {@code ARM64_PGTABLE_LEVELS} for {@code ARM64_VA_BITS_48}:
 * 4K and 16K need 4 levels (12 + 4&times;9 = 48; 14 + 3&times;11 = 47 bits, so a fourth level with
 * two entries), 64K needs 3 (16 + 2&times;13 = 42 bits, top level of 64 entries). CONT_PTES comes
 * from {@code ARM64_CONT_PTE_SHIFT} = 4 / 7 / 5, i.e. 16 / 128 / 32 entries: a 64 KiB block on 4K,
 * 2 MiB on 16K and 64K (docs/kernel-model.md §1.1).
 */
enum Granule {
    G4K("4k", 12, 4, 16),
    G16K("16k", 14, 4, 128),
    G64K("64k", 16, 3, 32);

    /** arm64 user address spaces are modelled with {@code CONFIG_ARM64_VA_BITS_48}. */
    static final int VA_BITS = 48;

    private final String optionValue;
    private final PageTableGeometry geometry;

    Granule(String optionValue, int pageShift, int levels, int contPtes) {
        this.optionValue = optionValue;
        this.geometry = new PageTableGeometry(pageShift, levels, VA_BITS, contPtes);
    }

    /** The value of the {@code granule} option, e.g. {@code 16k}. */
    String optionValue() {
        return optionValue;
    }

    PageTableGeometry geometry() {
        return geometry;
    }
}
