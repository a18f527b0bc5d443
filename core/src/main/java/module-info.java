/**
 * The simulated kernel and the SPI that plugins implement. Only the SPI ({@code spi}), the
 * instrumented kernel API that strategies and architectures program against ({@code kernel}),
 * the pricing interface and its profile-based implementation ({@code cost}), machine profiles
 * ({@code profile}, with their generated schema) and strategy selection ({@code select}) are
 * exported; the simulator's internals are not.
 */
module org.ptreplay.core {
    requires transitive org.ptreplay.trace;
    // MachineProfile hands out the generated profile message, a protobuf type.
    requires transitive com.google.protobuf;

    exports org.ptreplay.core.spi;
    exports org.ptreplay.core.kernel;
    exports org.ptreplay.core.cost;
    exports org.ptreplay.core.profile;
    // Generated code: must be exported or toString/TextFormat reflection breaks.
    exports org.ptreplay.core.profile.proto;
    exports org.ptreplay.core.select;
}
