/**
 * x86-64 for ptreplay: pte_batch_hint() is always 1, the flush rules of
 * {@code arch/x86/mm/tlb.c} (INVLPG up to 33 pages, full flush above, IPIs to the other CPUs of
 * the mm), and the x86 machine profiles.
 */
// The architecture's own name, digits and all: javac's lint prefers module names without terminal digits.
@SuppressWarnings("module")
module org.ptreplay.arch.x86 {
    requires org.ptreplay.spi;

    // The profile data files sit beside their providers; core's AbstractProfileSource reads them.
    opens org.ptreplay.arch.x86.profiles to org.ptreplay.spi;

    provides org.ptreplay.spi.Architecture with org.ptreplay.arch.x86.X86Architecture;
    provides org.ptreplay.spi.MachineProfileSource with
            org.ptreplay.arch.x86.profiles.RaptorLakeProfile,
            org.ptreplay.arch.x86.profiles.SapphireRapidsProfile,
            org.ptreplay.arch.x86.profiles.Xeon4210rProfile,
            org.ptreplay.arch.x86.profiles.GenericX86Profile;
}
