package org.ptreplay.arch.x86.profiles;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.ptreplay.core.spi.MachineProfileSource;
import org.ptreplay.core.spi.Spi;

/**
 * A machine profile shipped as a text-format resource next to its provider class. The resource is
 * opened from this module (resources in a named module's package are encapsulated), by the
 * concrete provider's class.
 */
abstract class BundledProfile implements MachineProfileSource {
    private final String name;
    private final String description;

    BundledProfile(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public final String arch() {
        return "x86";
    }

    @Override
    public final InputStream open() throws IOException {
        String resource = name + ".txtpb";
        InputStream in = getClass().getResourceAsStream(resource);
        if (in == null) {
            throw new FileNotFoundException("resource " + resource + " is missing from " + getClass().getModule());
        }
        return in;
    }
}
