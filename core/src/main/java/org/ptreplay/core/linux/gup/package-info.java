/**
 * mm/gup.c: {@code __mm_populate} (MAP_POPULATE, MADV_POPULATE_*), faulting in a range.
 */
package org.ptreplay.core.linux.gup;
