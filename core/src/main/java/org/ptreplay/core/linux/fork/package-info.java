/**
 * kernel/fork.c and the process lifecycle: tasks, {@code dup_mm} (fork), exec and {@code mmput}
 * (exit).
 */
package org.ptreplay.core.linux.fork;
