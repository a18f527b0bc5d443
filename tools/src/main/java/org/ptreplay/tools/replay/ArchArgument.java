package org.ptreplay.tools.replay;

import java.util.Collections;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An {@code --arch} argument: a name and options, with the strategy argument's option syntax:
 * {@code arm64:granule=64k:contpte=basic}; a bare key means {@code key=on}.
 */
public record ArchArgument(String name, SortedMap<String, String> options) {
    private static final Pattern WORD = Pattern.compile("[a-z0-9._-]+");

    public ArchArgument {
        options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
    }

    /** @throws IllegalArgumentException one sentence naming the argument and the bad part */
    public static ArchArgument parse(String text) {
        String arg = text.strip().toLowerCase(Locale.ROOT);
        String[] parts = arg.split(":", -1);
        if (parts[0].isEmpty()) {
            throw new IllegalArgumentException("arch argument '" + text + "' has no arch name; e.g. x86 or arm64:granule=64k");
        }
        SortedMap<String, String> options = new TreeMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "on" : part.substring(eq + 1);
            if (!WORD.matcher(key).matches() || !WORD.matcher(value).matches()) {
                throw new IllegalArgumentException("arch argument '" + text + "' has a bad option '" + part
                        + "'; write KEY=VALUE with letters, digits, '.', '_' or '-'");
            }
            if (options.put(key, value) != null) {
                throw new IllegalArgumentException("arch argument '" + text + "' sets option " + key + " twice");
            }
        }
        return new ArchArgument(parts[0], options);
    }
}
