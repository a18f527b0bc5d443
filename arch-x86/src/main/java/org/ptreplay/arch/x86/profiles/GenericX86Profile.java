package org.ptreplay.arch.x86.profiles;

import org.ptreplay.spi.AbstractProfileSource;
import org.ptreplay.spi.Spi;

/** Provider of the bundled machine profile {@code generic-x86} (generic-x86.txtpb). */
public final class GenericX86Profile extends AbstractProfileSource {
    public GenericX86Profile() {
        super("generic-x86", "x86", "Generic x86-64 with round representative numbers");
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }
}
