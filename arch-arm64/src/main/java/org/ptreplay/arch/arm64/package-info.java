/**
 * The arm64 architecture: 4K/16K/64K granules, the contpte layer (fold/unfold, docs/kernel-
 * model.md §3) and the TLBI/DSB rules of {@code Arm64Mmu}.
 */
package org.ptreplay.arch.arm64;
