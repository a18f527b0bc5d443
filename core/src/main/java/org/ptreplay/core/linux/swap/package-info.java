/**
 * mm/swap.c: putting new folios on the LRU through the per-CPU batches ({@code folio_add_lru},
 * {@code lru_add_drain}).
 */
package org.ptreplay.core.linux.swap;
