/**
 * The x86-64 architecture: one entry per PTE ({@code pte_batch_hint} = 1), plain PTE accesses, and
 * the INVLPG / full-flush / IPI rules of {@code X86TlbFlush}.
 */
package org.ptreplay.arch.x86;
