package org.ptreplay.arch.x86.profiles;

/** Provider of the bundled machine profile {@code generic-x86} (generic-x86.txtpb). */
public final class GenericX86Profile extends BundledProfile {
    public GenericX86Profile() {
        super("generic-x86", "Generic x86-64 with round representative numbers");
    }
}
