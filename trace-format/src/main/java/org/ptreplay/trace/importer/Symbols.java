package org.ptreplay.trace.importer;

import java.util.HashMap;
import java.util.Map;
import org.ptreplay.trace.Flags;

/**
 * The symbolic names strace prints for the arguments and results that ptreplay models, and
 * the number parsing they share. Values that {@link Flags} defines come from there; the others
 * are only needed to read strace text and are listed here with their uapi header.
 */
final class Symbols {
    private Symbols() {
    }

    private static final Map<String, Long> CONSTANTS = new HashMap<>();
    private static final Map<String, Integer> ERRNO = new HashMap<>();
    /** exit_signal is in the low byte of clone's flags (CSIGNAL, include/uapi/linux/sched.h). */
    static final long CSIGNAL = 0xff;

    private static void put(String name, long value) {
        CONSTANTS.put(name, value);
    }

    static {
        // include/uapi/asm-generic/mman-common.h
        put("PROT_NONE", Flags.PROT_NONE);
        put("PROT_READ", Flags.PROT_READ);
        put("PROT_WRITE", Flags.PROT_WRITE);
        put("PROT_EXEC", Flags.PROT_EXEC);
        put("PROT_SEM", 0x8);
        put("PROT_GROWSDOWN", 0x01000000);
        put("PROT_GROWSUP", 0x02000000);
        // arch/arm64/include/uapi/asm/mman.h
        put("PROT_BTI", 0x10);
        put("PROT_MTE", 0x20);

        // include/uapi/linux/mman.h, include/uapi/asm-generic/mman-common.h, arch/x86/include/uapi/asm/mman.h
        put("MAP_FILE", 0);
        put("MAP_SHARED", Flags.MAP_SHARED);
        put("MAP_PRIVATE", Flags.MAP_PRIVATE);
        put("MAP_SHARED_VALIDATE", Flags.MAP_SHARED_VALIDATE);
        put("MAP_DROPPABLE", 0x08);
        put("MAP_FIXED", Flags.MAP_FIXED);
        put("MAP_ANONYMOUS", Flags.MAP_ANONYMOUS);
        put("MAP_ANON", Flags.MAP_ANONYMOUS);
        put("MAP_32BIT", 0x40);
        put("MAP_GROWSDOWN", Flags.MAP_GROWSDOWN);
        put("MAP_DENYWRITE", Flags.MAP_DENYWRITE);
        put("MAP_EXECUTABLE", Flags.MAP_EXECUTABLE);
        put("MAP_LOCKED", Flags.MAP_LOCKED);
        put("MAP_NORESERVE", Flags.MAP_NORESERVE);
        put("MAP_POPULATE", Flags.MAP_POPULATE);
        put("MAP_NONBLOCK", Flags.MAP_NONBLOCK);
        put("MAP_STACK", Flags.MAP_STACK);
        put("MAP_HUGETLB", Flags.MAP_HUGETLB);
        put("MAP_SYNC", Flags.MAP_SYNC);
        put("MAP_FIXED_NOREPLACE", Flags.MAP_FIXED_NOREPLACE);
        put("MAP_UNINITIALIZED", 0x4000000);

        put("MREMAP_MAYMOVE", Flags.MREMAP_MAYMOVE);
        put("MREMAP_FIXED", Flags.MREMAP_FIXED);
        put("MREMAP_DONTUNMAP", Flags.MREMAP_DONTUNMAP);

        put("MADV_NORMAL", Flags.MADV_NORMAL);
        put("MADV_RANDOM", Flags.MADV_RANDOM);
        put("MADV_SEQUENTIAL", Flags.MADV_SEQUENTIAL);
        put("MADV_WILLNEED", Flags.MADV_WILLNEED);
        put("MADV_DONTNEED", Flags.MADV_DONTNEED);
        put("MADV_FREE", Flags.MADV_FREE);
        put("MADV_REMOVE", Flags.MADV_REMOVE);
        put("MADV_DONTFORK", Flags.MADV_DONTFORK);
        put("MADV_DOFORK", Flags.MADV_DOFORK);
        put("MADV_MERGEABLE", Flags.MADV_MERGEABLE);
        put("MADV_UNMERGEABLE", Flags.MADV_UNMERGEABLE);
        put("MADV_HUGEPAGE", Flags.MADV_HUGEPAGE);
        put("MADV_NOHUGEPAGE", Flags.MADV_NOHUGEPAGE);
        put("MADV_DONTDUMP", Flags.MADV_DONTDUMP);
        put("MADV_DODUMP", Flags.MADV_DODUMP);
        put("MADV_WIPEONFORK", Flags.MADV_WIPEONFORK);
        put("MADV_KEEPONFORK", Flags.MADV_KEEPONFORK);
        put("MADV_COLD", Flags.MADV_COLD);
        put("MADV_PAGEOUT", Flags.MADV_PAGEOUT);
        put("MADV_POPULATE_READ", Flags.MADV_POPULATE_READ);
        put("MADV_POPULATE_WRITE", Flags.MADV_POPULATE_WRITE);
        put("MADV_DONTNEED_LOCKED", Flags.MADV_DONTNEED_LOCKED);
        put("MADV_COLLAPSE", Flags.MADV_COLLAPSE);
        put("MADV_GUARD_INSTALL", 102);
        put("MADV_GUARD_REMOVE", 103);
        put("MADV_HWPOISON", 100);
        put("MADV_SOFT_OFFLINE", 101);

        // include/uapi/linux/sched.h
        put("CLONE_NEWTIME", 0x80);
        put("CLONE_VM", Flags.CLONE_VM);
        put("CLONE_FS", Flags.CLONE_FS);
        put("CLONE_FILES", Flags.CLONE_FILES);
        put("CLONE_SIGHAND", Flags.CLONE_SIGHAND);
        put("CLONE_PIDFD", 0x1000);
        put("CLONE_PTRACE", 0x2000);
        put("CLONE_VFORK", Flags.CLONE_VFORK);
        put("CLONE_PARENT", 0x8000);
        put("CLONE_THREAD", Flags.CLONE_THREAD);
        put("CLONE_NEWNS", 0x20000);
        put("CLONE_SYSVSEM", 0x40000);
        put("CLONE_SETTLS", 0x80000);
        put("CLONE_PARENT_SETTID", 0x100000);
        put("CLONE_CHILD_CLEARTID", 0x200000);
        put("CLONE_DETACHED", 0x400000);
        put("CLONE_UNTRACED", 0x800000);
        put("CLONE_CHILD_SETTID", 0x1000000);
        put("CLONE_NEWCGROUP", 0x2000000);
        put("CLONE_NEWUTS", 0x4000000);
        put("CLONE_NEWIPC", 0x8000000);
        put("CLONE_NEWUSER", 0x10000000);
        put("CLONE_NEWPID", 0x20000000);
        put("CLONE_NEWNET", 0x40000000);
        put("CLONE_IO", 0x80000000L);
        put("CLONE_CLEAR_SIGHAND", 0x100000000L);
        put("CLONE_INTO_CGROUP", 0x200000000L);

        // include/uapi/asm-generic/signal.h (x86-64 and arm64 number these alike)
        String[] signals = {"SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
            "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD",
            "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
            "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};
        for (int i = 0; i < signals.length; i++) {
            put(signals[i], i + 1);
        }
        put("SIGIOT", 6);
        put("SIGPOLL", 29);

        // include/uapi/asm-generic/errno-base.h and errno.h, and include/linux/errno.h for the
        // kernel-internal restart codes strace shows on interrupted calls
        String[] errnoBase = {"EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF",
            "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV",
            "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE",
            "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS"};
        for (int i = 0; i < errnoBase.length; i++) {
            ERRNO.put(errnoBase[i], i + 1);
        }
        ERRNO.put("EWOULDBLOCK", 11);
        ERRNO.put("ELOOP", 40);
        ERRNO.put("ELIBBAD", 80);
        ERRNO.put("EOVERFLOW", Flags.EOVERFLOW);
        ERRNO.put("EOPNOTSUPP", 95);
        ERRNO.put("EHWPOISON", 133);
        ERRNO.put("ERESTARTSYS", 512);
        ERRNO.put("ERESTARTNOINTR", 513);
        ERRNO.put("ERESTARTNOHAND", 514);
        ERRNO.put("ERESTART_RESTARTBLOCK", 516);
    }

    /**
     * Reads one strace value: {@code NULL}, decimal (maybe negative), {@code 0x} hex, {@code 0}-prefixed
     * octal, a symbol, an OR of those ({@code PROT_READ|PROT_WRITE}, {@code MAP_PRIVATE|0x40000000}),
     * {@code MAP_HUGE_2MB}-style huge page sizes, and an fd decorated by {@code -y} ({@code 3</lib/x.so>}).
     *
     * @throws IllegalArgumentException with a short reason when the text is none of those
     */
    static long value(String text) {
        String t = stripComment(text).strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("an empty value");
        }
        int fdPath = t.indexOf('<');
        if (fdPath > 0 && t.endsWith(">") && Character.isDigit(t.charAt(fdPath - 1))) {
            t = t.substring(0, fdPath);
        }
        if (t.indexOf('|') < 0) {
            return term(t);
        }
        long v = 0;
        for (String part : t.split("\\|", -1)) {
            v |= term(part.strip());
        }
        return v;
    }

    /** An errno name ({@code ENOMEM}) as its positive number. */
    static int errno(String name) {
        Integer e = ERRNO.get(name);
        if (e == null) {
            throw new IllegalArgumentException("the error name " + name + " is not one ptreplay knows");
        }
        return e;
    }

    private static long term(String t) {
        if (t.isEmpty()) {
            throw new IllegalArgumentException("an empty flag in an OR");
        }
        char c = t.charAt(0);
        if (c == '-' || Character.isDigit(c)) {
            return number(t);
        }
        if (t.equals("NULL")) {
            return 0;
        }
        Long v = CONSTANTS.get(t);
        if (v != null) {
            return v;
        }
        if (t.startsWith("MAP_HUGE_")) {
            return hugeSize(t);
        }
        throw new IllegalArgumentException("'" + t + "' is not a number or a known flag");
    }

    /** MAP_HUGE_2MB: log2 of the page size in bits 26..31 (MAP_HUGE_SHIFT, include/uapi/asm-generic/hugetlb_encode.h). */
    private static long hugeSize(String t) {
        String size = t.substring("MAP_HUGE_".length());
        long unit = size.endsWith("KB") ? 1L << 10 : size.endsWith("MB") ? 1L << 20 : size.endsWith("GB") ? 1L << 30 : 0;
        if (unit == 0) {
            throw new IllegalArgumentException("'" + t + "' is not a known flag");
        }
        long bytes = number(size.substring(0, size.length() - 2)) * unit;
        if (Long.bitCount(bytes) != 1) {
            throw new IllegalArgumentException("'" + t + "' is not a power-of-two page size");
        }
        return (long) Long.numberOfTrailingZeros(bytes) << 26;
    }

    /** Decimal, {@code 0x} hex (up to 64 unsigned bits) or {@code 0}-prefixed octal, with an optional minus. */
    static long number(String t) {
        boolean neg = t.startsWith("-");
        String s = neg ? t.substring(1) : t;
        long v;
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                v = Long.parseUnsignedLong(s.substring(2), 16);
            } else if (s.length() > 1 && s.charAt(0) == '0') {
                v = Long.parseUnsignedLong(s.substring(1), 8);
            } else {
                v = Long.parseUnsignedLong(s);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is not a number");
        }
        return neg ? -v : v;
    }

    private static String stripComment(String t) {
        int open = t.indexOf("/*");
        if (open < 0) {
            return t;
        }
        int close = t.indexOf("*/", open);
        return close < 0 ? t.substring(0, open) : t.substring(0, open) + t.substring(close + 2);
    }
}
