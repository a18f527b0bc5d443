package org.ptreplay.spi;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A machine profile shipped as a text-format resource {@code NAME.txtpb} in the package of its
 * provider class, like {@link java.util.spi.AbstractResourceBundleProvider} for resource bundles.
 * Because this class reads the resource on behalf of the providing module, that module must open
 * the package to the SPI module: {@code opens my.profiles to org.ptreplay.spi;}.
 */
public abstract class AbstractProfileSource implements MachineProfileSource {
    private final String name;
    private final String arch;
    private final String description;

    protected AbstractProfileSource(String name, String arch, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.arch = Objects.requireNonNull(arch, "arch");
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String arch() {
        return arch;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final InputStream open() throws IOException {
        String resource = name + ".txtpb";
        InputStream in = getClass().getResourceAsStream(resource);
        if (in == null) {
            throw new FileNotFoundException("resource " + resource + " is missing from " + getClass().getModule()
                    + " (or its package is not opened to org.ptreplay.spi)");
        }
        return in;
    }
}
