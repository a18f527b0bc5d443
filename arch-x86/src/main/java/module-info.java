/**
 * The x86 architecture module. So far it provides the x86 machine profiles.
 */
module org.ptreplay.arch.x86 {
    requires org.ptreplay.core;

    provides org.ptreplay.core.spi.MachineProfileSource with
            org.ptreplay.arch.x86.profiles.RaptorLakeProfile,
            org.ptreplay.arch.x86.profiles.SapphireRapidsProfile,
            org.ptreplay.arch.x86.profiles.Xeon4210rProfile,
            org.ptreplay.arch.x86.profiles.GenericX86Profile;
}
