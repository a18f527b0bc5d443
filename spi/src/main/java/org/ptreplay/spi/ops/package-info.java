/**
 * The instrumented kernel operations strategies and architectures program against: the page-table
 * contexts, {@code PteOps}, the arch MMU, page-table geometry, PTE encoding, and the ledger with
 * its primitive vocabulary (docs/kernel-model.md §0).
 */
package org.ptreplay.spi.ops;
