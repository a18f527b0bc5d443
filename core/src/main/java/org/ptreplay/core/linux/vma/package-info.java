/**
 * mm/vma.c: VMA split, merge and modification, and {@code do_vmi_munmap}.
 */
package org.ptreplay.core.linux.vma;
