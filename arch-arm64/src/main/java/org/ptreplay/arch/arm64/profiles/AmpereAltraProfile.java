package org.ptreplay.arch.arm64.profiles;

import org.ptreplay.spi.AbstractProfileSource;
import org.ptreplay.spi.Spi;

/** Provider of the bundled machine profile {@code ampere-altra} (ampere-altra.txtpb). */
public final class AmpereAltraProfile extends AbstractProfileSource {
    public AmpereAltraProfile() {
        super("ampere-altra", "arm64", "Ampere Altra, 80 Neoverse N1 cores with costly broadcast TLBI (Ryan Roberts' Altra)");
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }
}
