package org.ptreplay.trace;

import java.util.Locale;

/** The compression layer around a trace's packet stream. A reader detects it from the magic bytes. */
public enum Codec {
    /** The default: fast to decode, good ratio on page-encoded events. */
    ZSTD,
    /** The best ratio, slow: for archiving traces. */
    XZ,
    /** For tools that only speak gzip. */
    GZIP,
    /** The packet stream itself; it starts with the header's magic. */
    NONE;

    private final String key = name().toLowerCase(Locale.ROOT);

    /** The lowercase name used on the command line. */
    public String key() {
        return key;
    }

    /** The codec with this {@link #key()}, case-insensitive. */
    public static Codec fromKey(String key) {
        for (Codec c : values()) {
            if (c.key.equalsIgnoreCase(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown codec '" + key + "' (known: zstd, xz, gzip, none)");
    }
}
