/**
 * mm/memory.c: page faults ({@code handle_mm_fault}, {@code do_anonymous_page}, COW),
 * {@code copy_page_range} with the copy-PTEs context and its per-PTE reference loop, and zap
 * ({@code unmap_vmas}, {@code zap_pte_range}, {@code free_pgtables}) with the zap-PTEs context and
 * its reference loop.
 */
package org.ptreplay.core.linux.memory;
