/**
 * The ptreplay command-line tool. It compiles against core's SPI only: architectures, strategies,
 * kernel presets, machine profiles and workload generators are found by the SPI loader
 * ({@code org.ptreplay.spi.loader}, which declares the {@code uses}), in the boot layer (the
 * modules shipped with ptreplay, pulled in by service binding) and in one module layer per
 * third-party plugin jar.
 */
module org.ptreplay.tools {
    requires org.ptreplay.core;
    // Read and written directly by the trace commands (core also requires it transitively).
    requires org.ptreplay.trace;
    requires info.picocli;

    // The built-in workload generators; also listed in META-INF/services for class-path runs.
    provides org.ptreplay.spi.WorkloadGenerator with
            org.ptreplay.tools.workload.JainMremap,
            org.ptreplay.tools.workload.JainMprotect,
            org.ptreplay.tools.workload.Bigheap,
            org.ptreplay.tools.workload.ForkBench,
            org.ptreplay.tools.workload.MunmapBench,
            org.ptreplay.tools.workload.MremapLarge;

    // picocli reads and writes the annotated fields of the command classes reflectively.
    opens org.ptreplay.tools to info.picocli;
    // The sweep's grid options are a picocli mixin, shared with the Spark job.
    opens org.ptreplay.tools.sweep to info.picocli;
}
