package org.ptreplay.arch.x86.profiles;

import org.ptreplay.spi.AbstractProfileSource;
import org.ptreplay.spi.Spi;

/** Provider of the bundled machine profile {@code sapphire-rapids} (sapphire-rapids.txtpb). */
public final class SapphireRapidsProfile extends AbstractProfileSource {
    public SapphireRapidsProfile() {
        super("sapphire-rapids", "x86", "2-socket Xeon Platinum 8468V, 192 threads (the LKP bigheap machine)");
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }
}
