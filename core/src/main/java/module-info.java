/**
 * The simulated kernel and the SPI that plugins implement. Exported: the SPI ({@code spi}), the
 * instrumented kernel API that strategies and architectures program against ({@code kernel}),
 * the pricing interface and its profile-based implementation ({@code cost}), machine profiles
 * ({@code profile}, with their generated schema), strategy selection ({@code select}), the
 * replay API the tools use ({@code sim}) and the multi-cell replay engine ({@code replay}); the
 * simulator's internals are not.
 */
module org.ptreplay.core {
    requires transitive org.ptreplay.trace;
    // MachineProfile hands out the generated profile message, a protobuf type.
    requires transitive com.google.protobuf;
    // The replay engine reports the peak heap (MemoryPoolMXBean).
    requires java.management;

    exports org.ptreplay.core.spi;
    exports org.ptreplay.core.kernel;
    exports org.ptreplay.core.cost;
    exports org.ptreplay.core.profile;
    // Generated code: must be exported or toString/TextFormat reflection breaks.
    exports org.ptreplay.core.profile.proto;
    exports org.ptreplay.core.select;
    exports org.ptreplay.core.sim;
    exports org.ptreplay.core.value;
    exports org.ptreplay.core.replay;

    // The per-PTE loops are the reference every batched strategy is tested against (issue 4).
    provides org.ptreplay.core.spi.Strategy with
            org.ptreplay.core.linux.mremap.PerPteMovePtes,
            org.ptreplay.core.linux.mremap.NoPgtableMove,
            org.ptreplay.core.linux.memory.PerPteCopyPtes,
            org.ptreplay.core.linux.memory.PerPteZapPtes;
}
