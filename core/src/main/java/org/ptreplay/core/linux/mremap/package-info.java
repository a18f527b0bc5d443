/**
 * mm/mremap.c: the mremap syscall, {@code move_page_tables}, the {@code move_ptes} context and its
 * per-PTE reference loop (and the batched replay of that loop).
 */
package org.ptreplay.core.linux.mremap;
