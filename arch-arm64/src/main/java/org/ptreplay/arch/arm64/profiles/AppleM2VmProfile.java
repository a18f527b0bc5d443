package org.ptreplay.arch.arm64.profiles;

import org.ptreplay.spi.AbstractProfileSource;
import org.ptreplay.spi.Spi;

/** Provider of the bundled machine profile {@code apple-m2-vm} (apple-m2-vm.txtpb). */
public final class AppleM2VmProfile extends AbstractProfileSource {
    public AppleM2VmProfile() {
        super("apple-m2-vm", "arm64", "Apple M2 running Linux in a VM (Ryan Roberts' contpte numbers)");
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }
}
