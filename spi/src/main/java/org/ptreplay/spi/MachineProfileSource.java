package org.ptreplay.spi;

import java.io.IOException;
import java.io.InputStream;

/**
 * One machine profile: prices and cache geometry of one machine, as a data file in protobuf
 * text format (docs/profiles.md). Every number in it names its source.
 */
public interface MachineProfileSource extends Provider {

    /** The architecture the profile belongs to, e.g. {@code x86}. */
    String arch();

    /**
     * Opens the profile text. Implement it in the providing module
     * ({@code getClass().getResourceAsStream(...)}), so that resource encapsulation applies to it.
     */
    InputStream open() throws IOException;
}
