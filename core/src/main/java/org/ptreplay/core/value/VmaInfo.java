package org.ptreplay.core.value;

/** A read-only view of one VMA for tools and tests: [start, end), vm_flags, anonymous or file-backed. */
public record VmaInfo(long start, long end, int flags, boolean anonymous) {
}
