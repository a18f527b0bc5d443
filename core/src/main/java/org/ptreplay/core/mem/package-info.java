/**
 * Simulated physical memory: the folio allocator (orders, refcounts, mapcounts) and the page
 * cache.
 */
package org.ptreplay.core.mem;
