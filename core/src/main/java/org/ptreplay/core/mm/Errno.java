package org.ptreplay.core.mm;

import org.ptreplay.trace.Flags;

/** Syscall results: {@code -errno} values as the kernel returns them. */
final class Errno {
    private Errno() {
    }

    static final long EINVAL = -Flags.EINVAL;
    static final long ENOMEM = -Flags.ENOMEM;
    static final long EFAULT = -Flags.EFAULT;
    static final long EEXIST = -Flags.EEXIST;
    static final long EACCES = -Flags.EACCES;
    /** EBADF (9): a file mapping without a valid fd. */
    static final long EBADF = -9;
}
