module org.ptreplay.arch.arm64 {
    requires org.ptreplay.core;

    provides org.ptreplay.core.spi.Architecture with org.ptreplay.arch.arm64.Arm64Architecture;
}
