package org.ptreplay.arch.x86.profiles;

/** Provider of the bundled machine profile {@code sapphire-rapids} (sapphire-rapids.txtpb). */
public final class SapphireRapidsProfile extends BundledProfile {
    public SapphireRapidsProfile() {
        super("sapphire-rapids", "2-socket Xeon Platinum 8468V, 192 threads (the LKP bigheap machine)");
    }
}
