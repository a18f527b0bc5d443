/**
 * mm/mmap.c: the mmap and brk syscalls and {@code get_unmapped_area}.
 */
package org.ptreplay.core.linux.mmap;
