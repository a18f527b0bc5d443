package org.ptreplay.trace;

import static org.ptreplay.trace.TextSyntax.parseInt;
import static org.ptreplay.trace.TextSyntax.parseNumber;
import static org.ptreplay.trace.TextSyntax.toInt32;
import static org.ptreplay.trace.TextSyntax.unquote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses the lines of the text form (the grammar is in trace-format/README.md). Directives
 * ({@code @format}, {@code @machine}, ...) build the header and must come before the first event.
 * Errors are {@link IllegalArgumentException}s with a sentence fragment; the reader adds file and line.
 */
final class TextParser {

    /** A text trace that does not say where it came from was written by hand. */
    static final TraceHeader.SourceKind DEFAULT_SOURCE_KIND = TraceHeader.SourceKind.TEXT;
    /** The pid of events that do not give one. */
    static final int DEFAULT_PID = 1;

    private int version = TraceHeader.CURRENT_VERSION;
    private long features;
    private String producer = "";
    private TraceHeader.SourceKind sourceKind = DEFAULT_SOURCE_KIND;
    private String sourceDetail = "";
    private final Map<String, String> params = new TreeMap<>();
    private String arch = "";
    private int pageSize;
    private String kernel = "";
    private int cpus;
    private final Map<String, String> thp = new TreeMap<>();
    private long eventCountHint;
    private boolean sawEvent;

    /** Parses one line: null for blank lines, comments and directives, else the event. */
    TraceEvent line(String line) {
        List<String> t = TextSyntax.tokens(line);
        if (t.isEmpty()) {
            return null;
        }
        if (t.get(0).startsWith("@")) {
            if (sawEvent) {
                throw new IllegalArgumentException("the directive " + t.get(0) + " comes after the first event; "
                        + "directives describe the header and go first");
            }
            directive(t);
            return null;
        }
        sawEvent = true;
        return event(t);
    }

    /** The header the directives so far describe. */
    TraceHeader header() {
        return new TraceHeader(version, features, producer, new TraceHeader.Source(sourceKind, sourceDetail, params),
                new TraceHeader.Machine(arch, pageSize, kernel, thp, cpus), eventCountHint);
    }

    private void directive(List<String> t) {
        String name = t.get(0);
        switch (name) {
            case "@format" -> {
                arity(t, 1, 1, "@format VERSION");
                long v = parseNumber(t.get(1));
                if (v <= 0) {
                    throw new IllegalArgumentException("format version " + t.get(1) + " is not valid");
                }
                if (v > TraceHeader.CURRENT_VERSION) {
                    throw new IllegalArgumentException("format version " + t.get(1) + " is newer than this reader supports (up to version "
                            + TraceHeader.CURRENT_VERSION + "); use a newer ptreplay");
                }
                version = (int) v;
            }
            case "@features" -> {
                arity(t, 1, 1, "@features BITS");
                features = parseNumber(t.get(1));
                long unknown = features & ~TraceHeader.KNOWN_FEATURES;
                if (unknown != 0) {
                    throw new IllegalArgumentException("the trace requires features 0x" + Long.toHexString(unknown)
                            + " that this reader does not know (it knows 0x" + Long.toHexString(TraceHeader.KNOWN_FEATURES)
                            + "); use a newer ptreplay");
                }
            }
            case "@producer" -> {
                arity(t, 1, 1, "@producer \"NAME VERSION\"");
                producer = unquote(t.get(1));
            }
            case "@source" -> {
                arity(t, 1, 2, "@source KIND [\"DETAIL\"]");
                sourceKind = sourceKind(t.get(1));
                sourceDetail = t.size() > 2 ? unquote(t.get(2)) : "";
            }
            case "@param" -> {
                arity(t, 2, 2, "@param KEY VALUE");
                params.put(unquote(t.get(1)), unquote(t.get(2)));
            }
            case "@thp" -> {
                arity(t, 2, 2, "@thp SYSFS-FILE \"VALUE\"");
                thp.put(unquote(t.get(1)), unquote(t.get(2)));
            }
            case "@events" -> {
                arity(t, 1, 1, "@events COUNT");
                eventCountHint = parseNumber(t.get(1));
            }
            case "@machine" -> {
                Map<String, String> kv = keywords(t, 1, "@machine", List.of("arch", "pagesize", "kernel", "cpus"));
                if (kv.containsKey("arch")) {
                    arch = unquote(kv.get("arch"));
                }
                if (kv.containsKey("pagesize")) {
                    pageSize = toInt32(parseNumber(kv.get("pagesize")), kv.get("pagesize"), "pagesize");
                }
                if (kv.containsKey("kernel")) {
                    kernel = unquote(kv.get("kernel"));
                }
                if (kv.containsKey("cpus")) {
                    cpus = toInt32(parseNumber(kv.get("cpus")), kv.get("cpus"), "cpus");
                }
            }
            default -> throw new IllegalArgumentException("unknown directive " + name + " (known: @format, @features, "
                    + "@producer, @source, @param, @machine, @thp, @events)");
        }
    }

    private static void arity(List<String> t, int min, int max, String usage) {
        int n = t.size() - 1;
        if (n < min || n > max) {
            throw new IllegalArgumentException(t.get(0) + " takes " + (min == max ? "" + min : min + " or " + max)
                    + " argument" + (max == 1 ? "" : "s") + " (" + usage + "), not " + n);
        }
    }

    /** {@code key=value} tokens from index {@code from}, each key at most once and among {@code known}. */
    private static Map<String, String> keywords(List<String> t, int from, String what, List<String> known) {
        Map<String, String> kv = new HashMap<>();
        for (String tok : t.subList(from, t.size())) {
            int eq = tok.indexOf('=');
            String key = eq > 0 ? tok.substring(0, eq) : tok;
            if (eq <= 0 || !known.contains(key)) {
                throw new IllegalArgumentException(what + " takes " + String.join("=, ", known) + "=, not '" + tok + "'");
            }
            if (kv.put(key, tok.substring(eq + 1)) != null) {
                throw new IllegalArgumentException(what + " has " + key + "= twice");
            }
        }
        return kv;
    }

    private static TraceHeader.SourceKind sourceKind(String word) {
        for (TraceHeader.SourceKind k : TraceHeader.SourceKind.values()) {
            if (k.name().toLowerCase(Locale.ROOT).equals(word)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown source kind '" + word + "' (known: unknown, strace, perf, generator, text)");
    }

    private static TraceEvent event(List<String> t) {
        int i = 0;
        int pid = DEFAULT_PID;
        long dt = 0;
        if (isNumber(t.get(i))) {
            pid = parseInt(t.get(i++), "pid");
        }
        if (i < t.size() && t.get(i).startsWith("+")) {
            dt = duration(t.get(i++).substring(1));
        }
        if (i == t.size()) {
            throw new IllegalArgumentException("the line has a pid or time but no event");
        }
        String kind = t.get(i++);
        // Split off "= RESULT" (or "=RESULT").
        long result = TraceEvent.UNKNOWN_RESULT;
        int end = t.size();
        for (int j = i; j < t.size(); j++) {
            String tok = t.get(j);
            if (tok.equals("=") || (tok.startsWith("=") && tok.length() > 1)) {
                String value = tok.length() > 1 ? tok.substring(1) : j + 1 < t.size() ? t.get(j + 1) : null;
                int used = tok.length() > 1 ? 1 : 2;
                if (value == null || j + used != t.size()) {
                    throw new IllegalArgumentException("'=' must be followed by exactly one result at the end of the line");
                }
                result = result(value);
                end = j;
                break;
            }
        }
        Args a = new Args(kind, t.subList(i, end));
        return switch (kind) {
            case "mmap" -> {
                a.positional(2, "ADDR LEN");
                a.allow("prot", "flags", "fd", "off");
                yield new TraceEvent.Mmap(pid, dt, a.number(0), a.number(1), a.prot(),
                        a.bits("flags", TextSymbols.MMAP, true), a.intKeyword("fd", -1), a.numberKeyword("off", 0), result);
            }
            case "munmap" -> {
                a.positional(2, "ADDR LEN");
                a.allow();
                yield new TraceEvent.Munmap(pid, dt, a.number(0), a.number(1), result);
            }
            case "mremap" -> {
                a.positional(3, "OLD-ADDR OLD-LEN NEW-LEN");
                a.allow("flags", "new");
                yield new TraceEvent.Mremap(pid, dt, a.number(0), a.number(1), a.number(2),
                        a.bits("flags", TextSymbols.MREMAP, false), a.numberKeyword("new", 0), result);
            }
            case "brk" -> {
                a.positional(1, "ADDR");
                a.allow();
                yield new TraceEvent.Brk(pid, dt, a.number(0), result);
            }
            case "madvise" -> {
                a.positional(3, "ADDR LEN ADVICE");
                a.allow();
                String advice = a.word(2);
                yield new TraceEvent.Madvise(pid, dt, a.number(0), a.number(1),
                        toInt32(TextSymbols.MADVISE.parseValue(advice), advice, "advice"), result);
            }
            case "mprotect" -> {
                a.positional(2, "ADDR LEN");
                a.allow("prot");
                yield new TraceEvent.Mprotect(pid, dt, a.number(0), a.number(1), a.prot(), result);
            }
            case "fork" -> {
                a.positional(1, "CHILD-PID");
                a.allow("flags");
                long flags = a.has("flags") ? TextSymbols.CLONE.parseBits(a.keyword("flags")) : 0;
                yield new TraceEvent.Fork(pid, dt, parseInt(a.word(0), "child pid"), flags, result);
            }
            case "exec" -> {
                a.positional(0, "");
                a.allow();
                yield new TraceEvent.Exec(pid, dt, result);
            }
            case "exit" -> {
                if (result != TraceEvent.UNKNOWN_RESULT) {
                    throw new IllegalArgumentException("exit has no result");
                }
                boolean group = a.flagWord("group");
                a.positional(1, "CODE [group]");
                a.allow();
                yield new TraceEvent.Exit(pid, dt, parseInt(a.word(0), "exit code"), group);
            }
            case "touch" -> {
                if (result != TraceEvent.UNKNOWN_RESULT) {
                    throw new IllegalArgumentException("touch has no result");
                }
                a.positional(3, "ADDR LEN read|write");
                a.allow();
                String access = a.word(2);
                if (!access.equals("read") && !access.equals("write")) {
                    throw new IllegalArgumentException("touch needs read or write, not '" + access + "'");
                }
                yield new TraceEvent.Touch(pid, dt, a.number(0), a.number(1), access.equals("write"));
            }
            default -> throw new IllegalArgumentException("unknown event '" + kind + "' (known: mmap, munmap, mremap, "
                    + "brk, madvise, mprotect, fork, exec, exit, touch)");
        };
    }

    private static boolean isNumber(String token) {
        char c = token.charAt(0);
        return Character.isDigit(c) || (c == '-' && token.length() > 1 && Character.isDigit(token.charAt(1)));
    }

    /** Nanoseconds, or a number with a unit: {@code 150}, {@code 150ns}, {@code 2us}, {@code 3ms}, {@code 1s}. */
    private static long duration(String text) {
        long scale = 1;
        String digits = text;
        for (String[] unit : new String[][] {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}}) {
            if (text.endsWith(unit[0])) {
                scale = Long.parseLong(unit[1]);
                digits = text.substring(0, text.length() - unit[0].length());
                break;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), scale);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad time delta '+" + text + "' (e.g. +150, +2us, +3ms)");
        }
    }

    /** {@code 0x7f0000000000}, {@code 0}, {@code -12}, {@code -ENOMEM}, or {@code ?} for unknown. */
    private static long result(String text) {
        if (text.equals("?")) {
            return TraceEvent.UNKNOWN_RESULT;
        }
        if (text.startsWith("-E")) {
            int errno = Errno.number(text.substring(1));
            if (errno < 0) {
                throw new IllegalArgumentException("unknown errno '" + text.substring(1) + "'");
            }
            return -errno;
        }
        long v = parseNumber(text);
        if (v == TraceEvent.UNKNOWN_RESULT) {
            throw new IllegalArgumentException("result " + text + " is the value that means 'unknown'; write '?'");
        }
        return v;
    }

    /** The arguments after the event name: positional words, then {@code key=value} keywords. */
    private static final class Args {
        private final String kind;
        private final List<String> words = new ArrayList<>();
        private final Map<String, String> keywords = new HashMap<>();

        Args(String kind, List<String> tokens) {
            this.kind = kind;
            for (String tok : tokens) {
                int eq = tok.indexOf('=');
                if (eq > 0 && !tok.startsWith("\"")) {
                    String key = tok.substring(0, eq);
                    if (keywords.put(key, tok.substring(eq + 1)) != null) {
                        throw new IllegalArgumentException(kind + " has " + key + "= twice");
                    }
                } else if (!keywords.isEmpty()) {
                    throw new IllegalArgumentException(kind + " has '" + tok + "' after its keyword arguments");
                } else {
                    words.add(tok);
                }
            }
        }

        void positional(int n, String usage) {
            if (words.size() != n) {
                throw new IllegalArgumentException(kind + " takes " + n + " argument" + (n == 1 ? "" : "s")
                        + (usage.isEmpty() ? "" : " (" + usage + ")") + ", not " + words.size());
            }
        }

        void allow(String... known) {
            for (String key : keywords.keySet().stream().sorted().toList()) {
                if (!List.of(known).contains(key)) {
                    throw new IllegalArgumentException(kind + " has no argument " + key + "="
                            + (known.length == 0 ? "" : " (it takes " + String.join("=, ", known) + "=)"));
                }
            }
        }

        /** Removes a trailing bare word such as {@code group}; whether it was there. */
        boolean flagWord(String word) {
            if (!words.isEmpty() && words.get(words.size() - 1).equals(word)) {
                words.remove(words.size() - 1);
                return true;
            }
            return false;
        }

        String word(int i) {
            return words.get(i);
        }

        long number(int i) {
            return parseNumber(words.get(i));
        }

        boolean has(String key) {
            return keywords.containsKey(key);
        }

        String keyword(String key) {
            return keywords.get(key);
        }

        long numberKeyword(String key, long absent) {
            return has(key) ? parseNumber(keyword(key)) : absent;
        }

        int intKeyword(String key, int absent) {
            return has(key) ? parseInt(keyword(key), key) : absent;
        }

        int prot() {
            if (!has("prot")) {
                throw new IllegalArgumentException(kind + " needs prot= (e.g. prot=rw)");
            }
            return toInt32(TextSymbols.PROT.parseBits(keyword("prot")), keyword("prot"), "prot");
        }

        int bits(String key, TextSymbols symbols, boolean required) {
            if (!has(key)) {
                if (required) {
                    throw new IllegalArgumentException(kind + " needs " + key + "= (e.g. flags=private|anonymous)");
                }
                return 0;
            }
            return toInt32(symbols.parseBits(keyword(key)), keyword(key), key);
        }
    }
}
