package org.ptreplay.core.state;

/**
 * One {@code anon_vma_chain} (include/linux/rmap.h): links a VMA to an anon_vma on its chain,
 * at its simulated slab address (docs/kernel-model.md §2.8, §2.9).
 */
public record AnonVmaChain(long address, AnonVma anonVma) {
}
