package org.ptreplay.spi.loader;

import org.ptreplay.spi.Provider;

/**
 * One provider as {@code plugins} lists it.
 *
 * @param module   the JPMS module that holds it ({@code unnamed} on the class path)
 * @param provider the instance; use it only when {@link #usable()}
 */
public record PluginEntry(
        ProviderKind<?> kind,
        String name,
        String module,
        String version,
        String spiVersion,
        String description,
        ProviderStatus status,
        Origin origin,
        Provider provider) {

    /** Loaded, valid and implemented. */
    public boolean usable() {
        return status instanceof ProviderStatus.Ok;
    }
}
