/**
 * The simulated kernel and the SPI that plugins implement. Only the SPI ({@code spi}), the
 * instrumented kernel API that strategies and architectures program against ({@code kernel}), the
 * pricing interface ({@code cost}) and strategy selection ({@code select}) are exported; the
 * simulator's internals are not.
 */
module org.ptreplay.core {
    requires transitive org.ptreplay.trace;

    exports org.ptreplay.core.spi;
    exports org.ptreplay.core.kernel;
    exports org.ptreplay.core.cost;
    exports org.ptreplay.core.select;
}
