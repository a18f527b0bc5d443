/**
 * The simulated kernel, on the plugin contract of {@code org.ptreplay.spi}. Exported: the pricing
 * interface and its profile-based implementation ({@code cost}), machine profiles
 * ({@code profile}, with their generated schema), strategy selection ({@code select}) and the
 * value types of results ({@code value}); the engine (the replay API {@code sim} and the
 * multi-cell runner {@code replay}) only to the tools. The simulated kernel itself (the mm/ files
 * under {@code linux}, kernel state, memory, page tables, the ledger) is not exported.
 */
module org.ptreplay.core {
    requires transitive org.ptreplay.spi;
    requires transitive org.ptreplay.trace;
    // MachineProfile hands out the generated profile message, a protobuf type.
    requires transitive com.google.protobuf;
    // The replay engine reports the peak heap (MemoryPoolMXBean).
    requires java.management;

    exports org.ptreplay.core.cost;
    exports org.ptreplay.core.profile;
    // Generated code: must be exported or toString/TextFormat reflection breaks.
    exports org.ptreplay.core.profile.proto;
    exports org.ptreplay.core.select;
    exports org.ptreplay.core.value;
    // The engine: the replay API and the multi-cell runner are for the CLI only (issue 14);
    // benchmarks run on the class path.
    exports org.ptreplay.core.sim to org.ptreplay.tools;
    exports org.ptreplay.core.replay to org.ptreplay.tools;

    // The per-PTE loops are the reference every batched strategy is tested against (issue 4).
    provides org.ptreplay.spi.Strategy with
            org.ptreplay.core.linux.mremap.PerPteMovePtes,
            org.ptreplay.core.linux.mremap.NoPgtableMove,
            org.ptreplay.core.linux.memory.PerPteCopyPtes,
            org.ptreplay.core.linux.memory.PerPteZapPtes,
            org.ptreplay.core.linux.mprotect.PerPteChangePtes;
}
