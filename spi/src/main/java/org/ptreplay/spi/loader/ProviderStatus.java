package org.ptreplay.spi.loader;

/** Whether a listed provider can be used, as {@code plugins} shows it. */
public sealed interface ProviderStatus {

    ProviderStatus OK = new Ok();

    /** {@code ok} or {@code broken: <reason>}. */
    String label();

    /** Loaded and usable. */
    record Ok() implements ProviderStatus {
        @Override
        public String label() {
            return "ok";
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
