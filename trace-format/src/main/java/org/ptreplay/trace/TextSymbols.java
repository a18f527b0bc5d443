package org.ptreplay.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The symbolic names of the text form: flag sets printed as {@code private|anonymous|fixed},
 * values such as {@code dontneed}. Names are the uapi constant names, lowercase and without their
 * prefix; parsing also accepts the constants as strace prints them ({@code MAP_PRIVATE}).
 */
final class TextSymbols {

    /** A name for the bits {@code value} within {@code mask}; a single flag has mask == value. */
    record Symbol(String name, long value, long mask) {
    }

    static final TextSymbols PROT = new TextSymbols("prot", "PROT_", List.of(
            // r, w and x are printed as letters (see formatProt); these names parse too.
            bit("read", Flags.PROT_READ), bit("write", Flags.PROT_WRITE), bit("exec", Flags.PROT_EXEC),
            bit("sem", 0x8), bit("growsdown", 0x01000000), bit("growsup", 0x02000000)));

    static final TextSymbols MMAP = new TextSymbols("mmap flag", "MAP_", List.of(
            // MAP_TYPE (0x0f) is a field, not bits: shared_validate is shared|private.
            new Symbol("shared_validate", Flags.MAP_SHARED_VALIDATE, 0x0f),
            new Symbol("shared", Flags.MAP_SHARED, 0x0f),
            new Symbol("private", Flags.MAP_PRIVATE, 0x0f),
            bit("fixed", Flags.MAP_FIXED), bit("anonymous", Flags.MAP_ANONYMOUS),
            bit("growsdown", Flags.MAP_GROWSDOWN), bit("denywrite", Flags.MAP_DENYWRITE),
            bit("executable", Flags.MAP_EXECUTABLE), bit("locked", Flags.MAP_LOCKED),
            bit("noreserve", Flags.MAP_NORESERVE), bit("populate", Flags.MAP_POPULATE),
            bit("nonblock", Flags.MAP_NONBLOCK), bit("stack", Flags.MAP_STACK), bit("hugetlb", Flags.MAP_HUGETLB),
            bit("sync", Flags.MAP_SYNC), bit("fixed_noreplace", Flags.MAP_FIXED_NOREPLACE)),
            List.of(new Symbol("anon", Flags.MAP_ANONYMOUS, Flags.MAP_ANONYMOUS)));

    static final TextSymbols MREMAP = new TextSymbols("mremap flag", "MREMAP_", List.of(
            bit("maymove", Flags.MREMAP_MAYMOVE), bit("fixed", Flags.MREMAP_FIXED),
            bit("dontunmap", Flags.MREMAP_DONTUNMAP)));

    /** clone(2) flags; the low byte is the exit signal (CSIGNAL), named only for SIGCHLD (17). */
    static final TextSymbols CLONE = new TextSymbols("clone flag", "CLONE_", List.of(
            bit("vm", Flags.CLONE_VM), bit("fs", Flags.CLONE_FS), bit("files", Flags.CLONE_FILES),
            bit("sighand", Flags.CLONE_SIGHAND), bit("pidfd", 0x1000), bit("ptrace", 0x2000),
            bit("vfork", Flags.CLONE_VFORK), bit("parent", 0x8000), bit("thread", Flags.CLONE_THREAD),
            bit("newns", 0x20000), bit("sysvsem", 0x40000), bit("settls", 0x80000),
            bit("parent_settid", 0x100000), bit("child_cleartid", 0x200000), bit("detached", 0x400000),
            bit("untraced", 0x800000), bit("child_settid", 0x1000000), bit("newcgroup", 0x2000000),
            bit("newuts", 0x4000000), bit("newipc", 0x8000000), bit("newuser", 0x10000000),
            bit("newpid", 0x20000000), bit("newnet", 0x40000000), bit("io", 0x80000000L),
            bit("clear_sighand", 0x100000000L), bit("into_cgroup", 0x200000000L),
            new Symbol("sigchld", 17, 0xff)),
            List.of(new Symbol("SIGCHLD", 17, 0xff)));

    /** madvise advice values (a value, not bits). */
    static final TextSymbols MADVISE = new TextSymbols("madvise advice", "MADV_", List.of(
            value("normal", Flags.MADV_NORMAL), value("random", Flags.MADV_RANDOM),
            value("sequential", Flags.MADV_SEQUENTIAL), value("willneed", Flags.MADV_WILLNEED),
            value("dontneed", Flags.MADV_DONTNEED), value("free", Flags.MADV_FREE), value("remove", Flags.MADV_REMOVE),
            value("dontfork", Flags.MADV_DONTFORK), value("dofork", Flags.MADV_DOFORK),
            value("mergeable", Flags.MADV_MERGEABLE), value("unmergeable", Flags.MADV_UNMERGEABLE),
            value("hugepage", Flags.MADV_HUGEPAGE), value("nohugepage", Flags.MADV_NOHUGEPAGE),
            value("dontdump", Flags.MADV_DONTDUMP), value("dodump", Flags.MADV_DODUMP),
            value("wipeonfork", Flags.MADV_WIPEONFORK), value("keeponfork", Flags.MADV_KEEPONFORK),
            value("cold", Flags.MADV_COLD), value("pageout", Flags.MADV_PAGEOUT),
            value("populate_read", Flags.MADV_POPULATE_READ), value("populate_write", Flags.MADV_POPULATE_WRITE),
            value("dontneed_locked", Flags.MADV_DONTNEED_LOCKED), value("collapse", Flags.MADV_COLLAPSE),
            value("hwpoison", 100), value("soft_offline", 101), value("guard_install", 102),
            value("guard_remove", 103)));

    private final String what;
    private final String prefix;
    private final List<Symbol> symbols;
    private final List<Symbol> aliases;

    private TextSymbols(String what, String prefix, List<Symbol> symbols) {
        this(what, prefix, symbols, List.of());
    }

    private TextSymbols(String what, String prefix, List<Symbol> symbols, List<Symbol> aliases) {
        this.what = what;
        this.prefix = prefix;
        this.symbols = symbols;
        this.aliases = aliases;
    }

    private static Symbol bit(String name, long bit) {
        return new Symbol(name, bit, bit);
    }

    private static Symbol value(String name, long v) {
        return new Symbol(name, v, -1L);
    }

    /** {@code a|b|0x40}: the symbols that match, in table order, then the bits left over in hex; 0 if none. */
    String formatBits(long v) {
        List<String> parts = new ArrayList<>();
        long left = v;
        for (Symbol s : symbols) {
            if ((left & s.mask) == s.value && s.value != 0) {
                parts.add(s.name);
                left &= ~s.mask;
            }
        }
        if (left != 0) {
            parts.add("0x" + Long.toHexString(left));
        }
        return parts.isEmpty() ? "0" : String.join("|", parts);
    }

    /** The name of a value, or the number. */
    String formatValue(long v) {
        for (Symbol s : symbols) {
            if (s.value == v) {
                return s.name;
            }
        }
        return Long.toString(v);
    }

    /** {@code rw}, {@code rwx|growsdown}, {@code none}. */
    static String formatProt(int prot) {
        StringBuilder letters = new StringBuilder();
        if ((prot & Flags.PROT_READ) != 0) {
            letters.append('r');
        }
        if ((prot & Flags.PROT_WRITE) != 0) {
            letters.append('w');
        }
        if ((prot & Flags.PROT_EXEC) != 0) {
            letters.append('x');
        }
        int rest = prot & ~(Flags.PROT_READ | Flags.PROT_WRITE | Flags.PROT_EXEC);
        if (rest == 0) {
            return letters.length() == 0 ? "none" : letters.toString();
        }
        String others = PROT.formatBits(Integer.toUnsignedLong(rest));
        return letters.length() == 0 ? others : letters + "|" + others;
    }

    /**
     * Parses {@code a|b|0x40}: names, numbers, and for prot the letters {@code rwx} and
     * {@code none}. Throws {@link IllegalArgumentException} with a sentence fragment.
     */
    long parseBits(String text) {
        long v = 0;
        for (String item : text.split("\\|", -1)) {
            v |= parseItem(item);
        }
        return v;
    }

    /** A single value: a name or a number. */
    long parseValue(String text) {
        return parseItem(text);
    }

    private long parseItem(String item) {
        if (item.isEmpty()) {
            throw new IllegalArgumentException("empty " + what + " in a list");
        }
        if (Character.isDigit(item.charAt(0)) || item.charAt(0) == '-') {
            return TextSyntax.parseNumber(item);
        }
        if (this == PROT) {
            if (item.equals("none") || item.equals("PROT_NONE")) {
                return 0;
            }
            if (item.chars().allMatch(c -> c == 'r' || c == 'w' || c == 'x')) {
                return (item.indexOf('r') >= 0 ? Flags.PROT_READ : 0) | (item.indexOf('w') >= 0 ? Flags.PROT_WRITE : 0)
                        | (item.indexOf('x') >= 0 ? Flags.PROT_EXEC : 0);
            }
        }
        String name = item.startsWith(prefix) ? item.substring(prefix.length()).toLowerCase(Locale.ROOT) : item;
        for (Symbol s : symbols) {
            if (s.name.equals(name)) {
                return s.value;
            }
        }
        for (Symbol s : aliases) {
            if (s.name.equals(item) || s.name.equals(name)) {
                return s.value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + item + "'");
    }
}
