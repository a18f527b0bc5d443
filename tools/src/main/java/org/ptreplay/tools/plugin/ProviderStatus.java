package org.ptreplay.tools.plugin;

/** Whether a listed provider can be used, as {@code plugins} shows it. */
public sealed interface ProviderStatus {

    ProviderStatus OK = new Ok();
    ProviderStatus NOT_IMPLEMENTED = new NotImplemented();

    /** {@code ok}, {@code not implemented} or {@code broken: <reason>}. */
    String label();

    /** Loaded and usable. */
    record Ok() implements ProviderStatus {
        @Override
        public String label() {
            return "ok";
        }
    }

    /** A named placeholder ({@link org.ptreplay.spi.Provider.Status#NOT_IMPLEMENTED}): listed, never run. */
    record NotImplemented() implements ProviderStatus {
        @Override
        public String label() {
            return "not implemented";
        }
    }

    /** Instantiated but refused (wrong SPI version, invalid or duplicate name): listed, never run. */
    record Broken(String reason) implements ProviderStatus {
        @Override
        public String label() {
            return "broken: " + reason;
        }
    }
}
