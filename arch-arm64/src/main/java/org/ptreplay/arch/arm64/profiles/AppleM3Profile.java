package org.ptreplay.arch.arm64.profiles;

/** Provider of the bundled machine profile {@code apple-m3} (apple-m3.txtpb). */
public final class AppleM3Profile extends BundledProfile {
    public AppleM3Profile() {
        super("apple-m3", "Apple M3, probably a Linux VM (Dev Jain's mremap numbers)");
    }
}
