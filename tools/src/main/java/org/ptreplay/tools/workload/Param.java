package org.ptreplay.tools.workload;

import org.ptreplay.spi.loader.DidYouMean;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.ptreplay.spi.OptionSpec;

/**
 * One generator parameter: a byte size, a count or a choice, with its default and limits. It
 * checks a value given on the command line and says in one sentence what is wrong with it.
 *
 * @param name         as written in {@code name=value}
 * @param kind         what the value is
 * @param defaultValue the value when not given, written as a user would
 * @param min          smallest value (sizes and counts)
 * @param max          largest value (sizes and counts)
 * @param multiple     sizes must be a multiple of this (1 for any byte count)
 * @param choices      the allowed values of a choice, else empty
 * @param description  one line
 */
record Param(String name, Kind kind, String defaultValue, long min, long max, long multiple, List<String> choices,
             String description) {

    enum Kind { SIZE, COUNT, CHOICE }

    Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(defaultValue, "defaultValue");
        choices = List.copyOf(choices);
        Objects.requireNonNull(description, "description");
    }

    static Param size(String name, String defaultValue, long min, long max, long multiple, String description) {
        return new Param(name, Kind.SIZE, defaultValue, min, max, multiple, List.of(), description);
    }

    static Param count(String name, String defaultValue, long min, long max, String description) {
        return new Param(name, Kind.COUNT, defaultValue, min, max, 1, List.of(), description);
    }

    static Param choice(String name, String defaultValue, List<String> choices, String description) {
        return new Param(name, Kind.CHOICE, defaultValue, 0, 0, 1, choices, description);
    }

    /** How the SPI lists it; the limits are part of the description, as users read it. */
    OptionSpec spec() {
        String limits = switch (kind) {
            case SIZE -> " (" + Units.formatSize(min) + " to " + Units.formatSize(max)
                    + (multiple > 1 ? ", a multiple of " + Units.formatSize(multiple) : "") + ")";
            case COUNT -> " (" + min + " to " + max + ")";
            case CHOICE -> "";
        };
        return new OptionSpec(name, defaultValue, choices, description + limits);
    }

    /**
     * The value of {@code raw}: bytes for a size, the number for a count, the index in
     * {@link #choices} for a choice.
     *
     * @throws IllegalArgumentException one sentence naming the parameter and what is wrong
     */
    long check(String generator, String raw) {
        String given = name + "=" + raw;
        if (kind == Kind.CHOICE) {
            int i = choices.indexOf(raw);
            if (i < 0) {
                throw new IllegalArgumentException(given + " is not a value " + generator + " allows"
                        + DidYouMean.hint(raw, choices)
                        + "; allowed: " + String.join(", ", choices) + ".");
            }
            return i;
        }
        OptionalLong parsed = kind == Kind.SIZE ? Units.parseSize(raw) : Units.parseCount(raw);
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException(kind == Kind.SIZE
                    ? given + " is not a size; write a whole number with an optional unit K, M, G or T (1024-based), e.g. 1G."
                    : given + " is not a whole number.");
        }
        long v = parsed.getAsLong();
        if (v < min || v > max) {
            String range = kind == Kind.SIZE ? Units.formatSize(min) + " to " + Units.formatSize(max) : min + " to " + max;
            throw new IllegalArgumentException(given + " is out of range for " + generator + "; allowed: " + range + ".");
        }
        if (v % multiple != 0) {
            throw new IllegalArgumentException(given + " is not a multiple of " + Units.formatSize(multiple)
                    + ", the base page size of the generated traces.");
        }
        return v;
    }
}
