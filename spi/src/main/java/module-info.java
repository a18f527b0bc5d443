/**
 * The plugin contract (issue 14): the only ptreplay module a plugin requires. {@code spi} holds
 * the provider interfaces (architectures, strategies per kernel path, kernel presets, machine
 * profiles, workload generators) and the SPI version; {@code spi.ops} the instrumented kernel
 * operations that strategies and architectures program against (page-table contexts,
 * {@code PteOps}, the arch MMU, the ledger and its primitive vocabulary).
 */
module org.ptreplay.spi {
    requires transitive org.ptreplay.trace;

    exports org.ptreplay.spi;
    exports org.ptreplay.spi.ops;
}
