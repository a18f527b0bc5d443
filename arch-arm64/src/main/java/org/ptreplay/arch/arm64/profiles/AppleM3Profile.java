package org.ptreplay.arch.arm64.profiles;

import org.ptreplay.spi.AbstractProfileSource;
import org.ptreplay.spi.Spi;

/** Provider of the bundled machine profile {@code apple-m3} (apple-m3.txtpb). */
public final class AppleM3Profile extends AbstractProfileSource {
    public AppleM3Profile() {
        super("apple-m3", "arm64", "Apple M3, probably a Linux VM (Dev Jain's mremap numbers)");
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }
}
