package org.ptreplay.core.state;

import org.ptreplay.trace.Flags;

/** Syscall results: {@code -errno} values as the kernel returns them. */
public final class Errno {
    private Errno() {
    }

    public static final long EINVAL = -Flags.EINVAL;
    public static final long ENOMEM = -Flags.ENOMEM;
    public static final long EFAULT = -Flags.EFAULT;
    public static final long EEXIST = -Flags.EEXIST;
    public static final long EACCES = -Flags.EACCES;
    /** EBADF (9): a file mapping without a valid fd. */
    public static final long EBADF = -9;
}
