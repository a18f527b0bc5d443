/**
 * The arm64 architecture module. So far it provides the arm64 machine profiles.
 */
module org.ptreplay.arch.arm64 {
    requires org.ptreplay.core;

    provides org.ptreplay.core.spi.MachineProfileSource with
            org.ptreplay.arch.arm64.profiles.AppleM3Profile,
            org.ptreplay.arch.arm64.profiles.AppleM2VmProfile,
            org.ptreplay.arch.arm64.profiles.AmpereAltraProfile,
            org.ptreplay.arch.arm64.profiles.GenericArm64Profile;
}
