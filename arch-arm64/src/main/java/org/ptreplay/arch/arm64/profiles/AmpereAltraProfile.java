package org.ptreplay.arch.arm64.profiles;

/** Provider of the bundled machine profile {@code ampere-altra} (ampere-altra.txtpb). */
public final class AmpereAltraProfile extends BundledProfile {
    public AmpereAltraProfile() {
        super("ampere-altra", "Ampere Altra, 80 Neoverse N1 cores with costly broadcast TLBI (Ryan Roberts' Altra)");
    }
}
