package org.ptreplay.arch.arm64.profiles;

/** Provider of the bundled machine profile {@code apple-m2-vm} (apple-m2-vm.txtpb). */
public final class AppleM2VmProfile extends BundledProfile {
    public AppleM2VmProfile() {
        super("apple-m2-vm", "Apple M2 running Linux in a VM (Ryan Roberts' contpte numbers)");
    }
}
