/**
 * The plugin contract (issue 14): the only ptreplay module a plugin requires. {@code spi} holds
 * the provider interfaces (architectures, strategies per kernel path, kernel presets, machine
 * profiles, workload generators) and the SPI version; {@code spi.ops} the instrumented kernel
 * operations that strategies and architectures program against (page-table contexts,
 * {@code PteOps}, the arch MMU, the ledger and its primitive vocabulary); {@code spi.loader} the
 * one place that loads, checks and looks up providers, used by every entry point.
 */
module org.ptreplay.spi {
    requires transitive org.ptreplay.trace;

    exports org.ptreplay.spi;
    exports org.ptreplay.spi.ops;
    exports org.ptreplay.spi.loader;

    // Providers loads every kind with ServiceLoader, from the boot layer and from plugin layers.
    uses org.ptreplay.spi.Architecture;
    uses org.ptreplay.spi.Strategy;
    uses org.ptreplay.spi.KernelPreset;
    uses org.ptreplay.spi.MachineProfileSource;
    uses org.ptreplay.spi.WorkloadGenerator;
}
