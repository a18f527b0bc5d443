/**
 * arm64 (AArch64) for ptreplay: page-table geometry of the 4K/16K/64K granules, the contpte
 * layer of {@code arch/arm64/mm/contpte.c} (fold, unfold, block reads, batched helpers), the
 * broadcast-TLBI rules of {@code arch/arm64/include/asm/tlbflush.h}, and the arm64 machine profiles.
 */
// The architecture's own name, digits and all: javac's lint prefers module names without terminal digits.
@SuppressWarnings("module")
module org.ptreplay.arch.arm64 {
    requires org.ptreplay.spi;

    // The profile data files sit beside their providers; core's AbstractProfileSource reads them.
    opens org.ptreplay.arch.arm64.profiles to org.ptreplay.spi;

    provides org.ptreplay.spi.Architecture with org.ptreplay.arch.arm64.Arm64Architecture;
    provides org.ptreplay.spi.MachineProfileSource with
            org.ptreplay.arch.arm64.profiles.AppleM3Profile,
            org.ptreplay.arch.arm64.profiles.AppleM2VmProfile,
            org.ptreplay.arch.arm64.profiles.AmpereAltraProfile,
            org.ptreplay.arch.arm64.profiles.GenericArm64Profile;
}
