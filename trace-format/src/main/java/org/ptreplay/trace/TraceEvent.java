package org.ptreplay.trace;

/**
 * One recorded memory-management event, in the small model that the rest of ptreplay reads.
 *
 * <p>Why a model of our own rather than the generated protobuf classes: the simulator's hot loop
 * switches over event kinds millions of times a second, and a sealed hierarchy of records gives it
 * exhaustive pattern matching, value equality for round-trip tests and no dependency on the wire
 * schema's evolution (renamed or reserved fields never reach {@code core}). The codec in this
 * module is the only place that knows both.
 *
 * <p>Conventions shared by every kind:
 * <ul>
 *   <li>{@code pid} is the thread id that made the call (strace's pid column); threads of one
 *       process share an mm through {@link Fork} with {@link Flags#CLONE_VM}.</li>
 *   <li>{@code timeDeltaNs} is the time since the previous event of the trace, 0 when unknown.</li>
 *   <li>{@code result} is what the kernel returned: an address or 0 on success, {@code -errno} on
 *       failure, or {@link #UNKNOWN_RESULT} when the recording did not see it (generated traces,
 *       text fixtures that leave it out). The replay compares it with its own result.</li>
 * </ul>
 */
public sealed interface TraceEvent
        permits TraceEvent.Mmap, TraceEvent.Munmap, TraceEvent.Mremap, TraceEvent.Brk,
                TraceEvent.Madvise, TraceEvent.Mprotect, TraceEvent.Fork, TraceEvent.Exec,
                TraceEvent.Exit, TraceEvent.Touch {

    /** The result was not recorded. */
    long UNKNOWN_RESULT = Long.MIN_VALUE;

    int pid();

    long timeDeltaNs();

    /** The kind, for counting and filtering. */
    Kind kind();

    /** Event kinds; {@link #key()} is the lowercase name used in JSON and the text form. */
    enum Kind {
        MMAP, MUNMAP, MREMAP, BRK, MADVISE, MPROTECT, FORK, EXEC, EXIT, TOUCH;

        private final String key = name().toLowerCase(java.util.Locale.ROOT);

        public String key() {
            return key;
        }
    }

    /** mmap(addr, length, prot, flags, fd, offset); {@code fd} is -1 for anonymous mappings. */
    record Mmap(int pid, long timeDeltaNs, long addr, long length, int prot, int flags, int fd,
                long offset, long result) implements TraceEvent {
        public Kind kind() {
            return Kind.MMAP;
        }
    }

    record Munmap(int pid, long timeDeltaNs, long addr, long length, long result) implements TraceEvent {
        public Kind kind() {
            return Kind.MUNMAP;
        }
    }

    /** mremap(oldAddr, oldLength, newLength, flags, newAddr); {@code newAddr} matters only with MREMAP_FIXED. */
    record Mremap(int pid, long timeDeltaNs, long oldAddr, long oldLength, long newLength, int flags,
                  long newAddr, long result) implements TraceEvent {
        public Kind kind() {
            return Kind.MREMAP;
        }
    }

    /** brk(addr); {@code result} is the new (or unchanged) break. */
    record Brk(int pid, long timeDeltaNs, long addr, long result) implements TraceEvent {
        public Kind kind() {
            return Kind.BRK;
        }
    }

    record Madvise(int pid, long timeDeltaNs, long addr, long length, int advice, long result)
            implements TraceEvent {
        public Kind kind() {
            return Kind.MADVISE;
        }
    }

    record Mprotect(int pid, long timeDeltaNs, long addr, long length, int prot, long result)
            implements TraceEvent {
        public Kind kind() {
            return Kind.MPROTECT;
        }
    }

    /**
     * fork, vfork, clone or clone3 made by {@code pid}; {@code childPid} is the new task.
     * {@link Flags#CLONE_VM} in {@code cloneFlags} means the child shares the mm (a thread or vfork).
     */
    record Fork(int pid, long timeDeltaNs, int childPid, long cloneFlags, long result) implements TraceEvent {
        public Kind kind() {
            return Kind.FORK;
        }
    }

    /** A successful execve: the task gets a fresh mm. */
    record Exec(int pid, long timeDeltaNs, long result) implements TraceEvent {
        public Kind kind() {
            return Kind.EXEC;
        }
    }

    /** The task exits ({@code group}: exit_group, every thread of the process goes). */
    record Exit(int pid, long timeDeltaNs, int code, boolean group) implements TraceEvent {
        public Kind kind() {
            return Kind.EXIT;
        }
    }

    /**
     * The task touches every page of [addr, addr + length): a page-fault record (perf) or a
     * synthesized first touch (strace import, generators). {@code write} selects a write access.
     */
    record Touch(int pid, long timeDeltaNs, long addr, long length, boolean write) implements TraceEvent {
        public Kind kind() {
            return Kind.TOUCH;
        }
    }
}
