/**
 * Page-table pages in simulated physical memory and the walk from the PGD down to a PTE table.
 */
package org.ptreplay.core.pgtable;
