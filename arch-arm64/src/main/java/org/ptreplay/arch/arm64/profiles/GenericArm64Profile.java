package org.ptreplay.arch.arm64.profiles;

import org.ptreplay.spi.AbstractProfileSource;
import org.ptreplay.spi.Spi;

/** Provider of the bundled machine profile {@code generic-arm64} (generic-arm64.txtpb). */
public final class GenericArm64Profile extends AbstractProfileSource {
    public GenericArm64Profile() {
        super("generic-arm64", "arm64", "Generic arm64 server core with range TLBI, round representative numbers");
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }
}
