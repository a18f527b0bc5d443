package org.ptreplay.trace;

/**
 * Linux errno names, for printing and parsing results such as {@code -ENOMEM}. Values from
 * include/uapi/asm-generic/errno-base.h and errno.h, which x86-64 and arm64 share.
 */
public final class Errno {
    private Errno() {
    }

    /** Index = errno; null where the number has no name here. */
    private static final String[] NAMES = new String[96];

    static {
        String[] base = {null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF",
            "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV",
            "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE",
            "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS",
            "ENOTEMPTY", "ELOOP"};
        System.arraycopy(base, 0, NAMES, 0, base.length);
        NAMES[75] = "EOVERFLOW";
        NAMES[95] = "EOPNOTSUPP";
    }

    /** The name of {@code errno} (e.g. 12 → {@code ENOMEM}), or null if it has none here. */
    public static String name(int errno) {
        return errno > 0 && errno < NAMES.length ? NAMES[errno] : null;
    }

    /** The number of an errno name such as {@code ENOMEM}, or -1 if unknown. */
    public static int number(String name) {
        for (int i = 1; i < NAMES.length; i++) {
            if (name.equals(NAMES[i])) {
                return i;
            }
        }
        return -1;
    }
}
