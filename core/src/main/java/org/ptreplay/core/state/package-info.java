/**
 * Kernel state: {@code KernelState} (what one cell's kernel shares), mm, VMAs and their tree,
 * tasks, the THP policy and the flags; below every mm/ file, it uses none of them.
 */
package org.ptreplay.core.state;
