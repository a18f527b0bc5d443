package org.ptreplay.arch.x86.profiles;

import org.ptreplay.spi.AbstractProfileSource;
import org.ptreplay.spi.Spi;

/** Provider of the bundled machine profile {@code xeon-4210r} (xeon-4210r.txtpb). */
public final class Xeon4210rProfile extends AbstractProfileSource {
    public Xeon4210rProfile() {
        super("xeon-4210r", "x86", "Xeon Silver 4210R, Cascade Lake (David Hildenbrand's fork and zap numbers)");
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }
}
