package org.ptreplay.core.state;

/**
 * A task (thread) of the trace: its pid, its thread group and the mm it uses.
 *
 * @param counted whether the task counts as a live thread of its mm (a vfork child does not: its parent sleeps)
 */
public record Task(int pid, int tgid, Mm mm, boolean counted) {
}
