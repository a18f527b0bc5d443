package org.ptreplay.core.value;

/**
 * Touches of pages that no VMA of the trace covers, in a recording of real faults (perf): exec
 * maps the program image, the interpreter and the stack inside the kernel, with no traced call,
 * so a real program faults there. They are counted here, not as divergences, so that real
 * divergences stay visible; {@code check} counts the same touches under the same name.
 *
 * @param events touch events with at least one such page
 * @param pages  the pages
 */
public record UnmappedTouches(long events, long pages) {
    public static final UnmappedTouches NONE = new UnmappedTouches(0, 0);
}
