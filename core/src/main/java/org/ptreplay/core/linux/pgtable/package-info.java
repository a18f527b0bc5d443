/**
 * include/linux/pgtable.h: the instrumented PTE operations ({@code PteOps}) shared by the page-
 * table contexts.
 */
package org.ptreplay.core.linux.pgtable;
