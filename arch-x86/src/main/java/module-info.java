module org.ptreplay.arch.x86 {
    requires org.ptreplay.core;

    provides org.ptreplay.core.spi.Architecture with org.ptreplay.arch.x86.X86Architecture;
}
