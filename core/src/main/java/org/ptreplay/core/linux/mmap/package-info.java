/**
 * mm/mmap.c: the mmap and brk syscalls, {@code get_unmapped_area}, {@code dup_mmap} (here since
 * 6.16, kernel/fork.c before) and {@code exit_mmap}.
 */
package org.ptreplay.core.linux.mmap;
