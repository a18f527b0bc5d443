/** x86-64 page-table and TLB primitives (docs/kernel-model.md §1, §6). */
module org.ptreplay.arch.x86 {
    requires org.ptreplay.core;

    exports org.ptreplay.arch.x86;

    provides org.ptreplay.core.spi.Architecture with org.ptreplay.arch.x86.X86Architecture;
}
