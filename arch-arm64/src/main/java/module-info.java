/**
 * arm64 (AArch64) for ptreplay: page-table geometry of the 4K/16K/64K granules, the contpte
 * layer of {@code arch/arm64/mm/contpte.c} (fold, unfold, block reads, batched helpers) and the
 * broadcast-TLBI rules of {@code arch/arm64/include/asm/tlbflush.h}.
 */
module org.ptreplay.arch.arm64 {
    requires org.ptreplay.core;

    provides org.ptreplay.core.spi.Architecture with org.ptreplay.arch.arm64.Arm64Architecture;
}
