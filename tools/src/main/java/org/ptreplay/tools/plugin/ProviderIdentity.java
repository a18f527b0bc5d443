package org.ptreplay.tools.plugin;

import java.util.function.Supplier;
import org.ptreplay.spi.Provider;

/** What a provider says about itself, read once, defensively: it is third-party code. */
record ProviderIdentity(String name, String description, String version, String spiVersion) {

    /** A provider method threw or returned null. */
    static final class UnreadableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableException(String message) {
            super(message);
        }
    }

    static ProviderIdentity read(Provider p) throws UnreadableException {
        return new ProviderIdentity(
                call("name", p::name),
                call("description", p::description),
                call("version", p::version),
                call("spiVersion", p::spiVersion));
    }

    private static <V> V call(String method, Supplier<V> getter) throws UnreadableException {
        V value;
        try {
            value = getter.get();
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: e.g. AbstractMethodError from a plugin compiled against another SPI.
            throw new UnreadableException(method + "() threw " + e);
        }
        if (value == null) {
            throw new UnreadableException(method + "() returned null");
        }
        return value;
    }
}
