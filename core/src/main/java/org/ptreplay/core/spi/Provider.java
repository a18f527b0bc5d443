package org.ptreplay.core.spi;

import java.util.regex.Pattern;

/**
 * What every plugin provides: a stable short name, a one-line description, its own version and
 * the SPI version it was built for. Capabilities grow through default methods.
 */
public interface Provider {

    /** Allowed names: lowercase letters, digits, '-', '.', '/' and '+' (strategy names use '/'). */
    Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9./+-]*");

    /** Stable short name, e.g. {@code arm64}, {@code move-ptes/folio-batch}, {@code raptor-lake}. */
    String name();

    /** One line, no trailing period needed. */
    String description();

    /** The provider's own version. */
    default String version() {
        return "0";
    }

    /**
     * The SPI version the provider was compiled against: implement it as
     * {@code return Spi.VERSION;} so that the constant is compiled into the plugin.
     */
    String spiVersion();

    /** {@link Status#NOT_IMPLEMENTED} marks a named placeholder that must not be used to simulate. */
    default Status status() {
        return Status.OK;
    }

    enum Status { OK, NOT_IMPLEMENTED }
}
