/**
 * mm/madvise.c: the madvise syscall (DONTNEED, FREE, HUGEPAGE, NOHUGEPAGE, POPULATE, …).
 */
package org.ptreplay.core.linux.madvise;
