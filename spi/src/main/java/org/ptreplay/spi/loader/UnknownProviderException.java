package org.ptreplay.spi.loader;

/** A name given by the user that names no usable provider; the message is one sentence for the user. */
public final class UnknownProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownProviderException(String message) {
        super(message);
    }
}
