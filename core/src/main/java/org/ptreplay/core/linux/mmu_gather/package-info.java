/**
 * mm/mmu_gather.c: the {@code mmu_gather} of a teardown (pages and page tables to free after the
 * TLB flush).
 */
package org.ptreplay.core.linux.mmu_gather;
