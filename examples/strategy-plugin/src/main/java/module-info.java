/**
 * An example third-party ptreplay plugin. It reads only core's exported API (the SPI and the
 * instrumented kernel API), exports nothing, and registers its strategy as a service: ptreplay
 * finds it with ServiceLoader when its jar is in a directory given by --plugin-path.
 */
module org.example.ptreplay.plugin {
    requires org.ptreplay.spi;

    provides org.ptreplay.spi.Strategy with org.example.ptreplay.plugin.FolioCacheMovePtes;
}
