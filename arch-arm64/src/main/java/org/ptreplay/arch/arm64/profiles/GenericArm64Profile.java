package org.ptreplay.arch.arm64.profiles;

/** Provider of the bundled machine profile {@code generic-arm64} (generic-arm64.txtpb). */
public final class GenericArm64Profile extends BundledProfile {
    public GenericArm64Profile() {
        super("generic-arm64", "Generic arm64 server core with range TLBI, round representative numbers");
    }
}
