package org.ptreplay.arch.x86.profiles;

/** Provider of the bundled machine profile {@code raptor-lake} (raptor-lake.txtpb). */
public final class RaptorLakeProfile extends BundledProfile {
    public RaptorLakeProfile() {
        super("raptor-lake", "Intel Raptor Lake desktop, exact SKU unknown (Lorenzo Stoakes' mremap numbers)");
    }
}
