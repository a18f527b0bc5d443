package org.ptreplay.spi.loader;

/** A name given by the user that names no usable provider; the message is one sentence for the user. */
public final class UnknownProviderException extends RuntimeException {
    UnknownProviderException(String message) {
        super(message);
    }
}
