package org.ptreplay.spi;

import java.lang.module.ModuleDescriptor;
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

    /**
     * The provider's own version. By default the version of its module (a jar built by Maven
     * records the project version in its module descriptor), or {@code "0"} for a provider on
     * the class path or in an unversioned module.
     */
    default String version() {
        ModuleDescriptor descriptor = getClass().getModule().getDescriptor();
        return descriptor == null ? "0" : descriptor.rawVersion().orElse("0");
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
