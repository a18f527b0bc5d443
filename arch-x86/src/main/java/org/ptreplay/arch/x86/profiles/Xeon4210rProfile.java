package org.ptreplay.arch.x86.profiles;

/** Provider of the bundled machine profile {@code xeon-4210r} (xeon-4210r.txtpb). */
public final class Xeon4210rProfile extends BundledProfile {
    public Xeon4210rProfile() {
        super("xeon-4210r", "Xeon Silver 4210R, Cascade Lake (David Hildenbrand's fork and zap numbers)");
    }
}
