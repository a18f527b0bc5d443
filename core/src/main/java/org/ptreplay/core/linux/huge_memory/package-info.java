/**
 * mm/huge_memory.c: PMD-mapped THP: split, zap, move and copy of a huge PMD.
 */
package org.ptreplay.core.linux.huge_memory;
