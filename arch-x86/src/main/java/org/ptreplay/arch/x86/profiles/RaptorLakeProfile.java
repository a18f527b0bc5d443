package org.ptreplay.arch.x86.profiles;

import org.ptreplay.spi.AbstractProfileSource;
import org.ptreplay.spi.Spi;

/** Provider of the bundled machine profile {@code raptor-lake} (raptor-lake.txtpb). */
public final class RaptorLakeProfile extends AbstractProfileSource {
    public RaptorLakeProfile() {
        super("raptor-lake", "x86", "Intel Raptor Lake desktop, exact SKU unknown (Lorenzo Stoakes' mremap numbers)");
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }
}
