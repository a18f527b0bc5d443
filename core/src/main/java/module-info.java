/**
 * The simulated kernel and the SPI that plugins implement. Exported: the SPI ({@code spi}), the
 * instrumented kernel API that strategies and architectures program against ({@code kernel}), the
 * pricing interface ({@code cost}) and the replay API the tools use ({@code sim}); the simulator's
 * internals are not.
 */
module org.ptreplay.core {
    requires transitive org.ptreplay.trace;

    exports org.ptreplay.core.spi;
    exports org.ptreplay.core.kernel;
    exports org.ptreplay.core.cost;
    exports org.ptreplay.core.sim;

    provides org.ptreplay.core.spi.Strategy with
            org.ptreplay.core.reference.PerPteMovePtes,
            org.ptreplay.core.reference.NoPgtableMove,
            org.ptreplay.core.reference.PerPteCopyPtes,
            org.ptreplay.core.reference.PerPteZapPtes;
}
