package org.ptreplay.trace.importer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies strace output lines: the optional pid column ({@code 1234 } from {@code -f -o}, or
 * {@code [pid 1234] } on a terminal), the optional timestamp ({@code -t}, {@code -tt},
 * {@code -ttt}, any number of fraction digits), then the body. {@code -r} relative timestamps
 * are not told apart from {@code -ttt} and give wrong deltas. One parser per import: it
 * remembers the last time of day to carry {@code -t} times over midnight.
 */
final class StraceLineParser {
    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*|\\?+)\\(.*");
    private static final Pattern RESUMED = Pattern.compile("<\\.\\.\\. ([A-Za-z0-9_?]+) resumed>(.*)");
    private static final Pattern UNFINISHED = Pattern.compile("\\s*<(?:unfinished|pid changed to \\d+) \\.\\.\\.>$");
    private static final Pattern EXITED = Pattern.compile("\\+\\+\\+ exited with (\\d+) \\+\\+\\+");
    private static final Pattern KILLED = Pattern.compile("\\+\\+\\+ killed by ([A-Z0-9]+)(?: \\(core dumped\\))? \\+\\+\\+");
    private static final Pattern SUPERSEDED = Pattern.compile("\\+\\+\\+ superseded by execve in pid (\\d+) \\+\\+\\+");
    private static final long NS = 1_000_000_000L;
    private static final long DAY_NS = 86_400L * NS;

    private final int defaultPid;
    private long lastTimeOfDay = -1;
    private long dayOffset;

    StraceLineParser(int defaultPid) {
        this.defaultPid = defaultPid;
    }

    StraceLine parse(String line) {
        int i = 0;
        int n = line.length();
        int pid = defaultPid;
        if (line.startsWith("[pid")) {
            int close = line.indexOf(']');
            Long p = close < 0 ? null : digits(line.substring(4, close).strip());
            if (p == null || p > Integer.MAX_VALUE) {
                return unrecognized(pid);
            }
            pid = p.intValue();
            i = skipSpaces(line, close + 1);
        } else {
            int d = skipDigits(line, 0);
            if (d > 0 && d < n && line.charAt(d) == ' ') {
                Long p = digits(line.substring(0, d));
                if (p == null || p > Integer.MAX_VALUE) {
                    return unrecognized(pid);
                }
                pid = p.intValue();
                i = skipSpaces(line, d);
            }
        }
        long time = EventClock.NONE;
        int d = skipDigits(line, i);
        if (d > i && d < n && (line.charAt(d) == ':' || line.charAt(d) == '.')) {
            int end = line.indexOf(' ', d);
            if (end < 0) {
                return unrecognized(pid);
            }
            time = line.charAt(d) == ':' ? timeOfDay(line.substring(i, end)) : seconds(line.substring(i, end));
            if (time == EventClock.NONE) {
                return unrecognized(pid);
            }
            i = skipSpaces(line, end);
        }
        return body(pid, time, line.substring(i));
    }

    private StraceLine body(int pid, long time, String b) {
        if (b.isBlank() || b.startsWith("--- ") || b.contains("<detached ...>")) {
            return new StraceLine(pid, time, StraceLine.Kind.IGNORED, "", "", 0);
        }
        if (b.startsWith("+++ ")) {
            Matcher m;
            if ((m = EXITED.matcher(b)).matches()) {
                return new StraceLine(pid, time, StraceLine.Kind.EXITED, "", "", Long.parseLong(m.group(1)));
            }
            if ((m = KILLED.matcher(b)).matches()) {
                long sig;
                try {
                    sig = Symbols.value(m.group(1));
                } catch (IllegalArgumentException e) {
                    return unrecognized(pid);
                }
                return new StraceLine(pid, time, StraceLine.Kind.KILLED, "", "", sig);
            }
            if ((m = SUPERSEDED.matcher(b)).matches()) {
                return new StraceLine(pid, time, StraceLine.Kind.SUPERSEDED, "", "", Long.parseLong(m.group(1)));
            }
            return unrecognized(pid);
        }
        Matcher r = RESUMED.matcher(b);
        if (r.matches()) {
            return new StraceLine(pid, time, StraceLine.Kind.RESUMED, r.group(1), r.group(2), 0);
        }
        if (CALL.matcher(b).matches()) {
            String name = b.substring(0, b.indexOf('('));
            Matcher u = UNFINISHED.matcher(b);
            if (u.find()) {
                return new StraceLine(pid, time, StraceLine.Kind.UNFINISHED, name, b.substring(0, u.start()), 0);
            }
            return new StraceLine(pid, time, StraceLine.Kind.CALL, name, b, 0);
        }
        return unrecognized(pid);
    }

    private static StraceLine unrecognized(int pid) {
        return new StraceLine(pid, EventClock.NONE, StraceLine.Kind.UNRECOGNIZED, "", "", 0);
    }

    /** {@code -ttt}: seconds since the epoch with a fraction. */
    private static long seconds(String t) {
        int dot = t.indexOf('.');
        Long s = digits(t.substring(0, dot));
        long frac = fraction(t.substring(dot + 1));
        return s == null || frac < 0 || s > Long.MAX_VALUE / NS - 1 ? EventClock.NONE : s * NS + frac;
    }

    /** {@code -t}/{@code -tt}: HH:MM:SS with an optional fraction; wraps over midnight. */
    private long timeOfDay(String t) {
        String[] hms = t.split(":", -1);
        if (hms.length != 3) {
            return EventClock.NONE;
        }
        int dot = hms[2].indexOf('.');
        Long h = digits(hms[0]);
        Long m = digits(hms[1]);
        Long s = digits(dot < 0 ? hms[2] : hms[2].substring(0, dot));
        long frac = dot < 0 ? 0 : fraction(hms[2].substring(dot + 1));
        if (h == null || m == null || s == null || frac < 0 || h > 23 || m > 59 || s > 60) {
            return EventClock.NONE;
        }
        long tod = ((h * 60 + m) * 60 + s) * NS + frac;
        if (lastTimeOfDay >= 0 && tod < lastTimeOfDay - DAY_NS / 2) {
            dayOffset += DAY_NS;
        }
        lastTimeOfDay = tod;
        return dayOffset + tod;
    }

    /** Fraction digits as ns (µs from -tt/-ttt, ns from --timestamps=ns); -1 if not digits. */
    private static long fraction(String f) {
        if (f.isEmpty() || f.length() > 9 || digits(f) == null) {
            return -1;
        }
        long v = Long.parseLong(f);
        for (int k = f.length(); k < 9; k++) {
            v *= 10;
        }
        return v;
    }

    private static Long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return null;
        }
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return null;
            }
        }
        return Long.parseLong(s);
    }

    private static int skipDigits(String s, int i) {
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
