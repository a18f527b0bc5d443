package org.ptreplay.spi.loader;

/**
 * Why a plugin jar or one of its providers was refused.
 *
 * @param source   the jar path, or {@code built-in}
 * @param provider the provider's name or class when known, else {@code null}
 * @param reason   what went wrong, without a trailing period
 */
public record Problem(String source, String provider, String reason) {

    /** The one line that reports it: {@code <jar>: <provider>: <reason>}. */
    public String message() {
        return provider == null ? source + ": " + reason : source + ": " + provider + ": " + reason;
    }
}
