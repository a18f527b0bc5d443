/**
 * include/linux/mmap_lock.h and mm/mmap_lock.c: the mmap lock of the mapping syscalls, with the
 * {@code mm_struct} counters they update beside it (docs/kernel-model.md §2.10).
 */
package org.ptreplay.core.linux.mmap_lock;
