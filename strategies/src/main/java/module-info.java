module org.ptreplay.strategies {
    requires org.ptreplay.core;

    provides org.ptreplay.core.spi.Strategy with org.ptreplay.strategies.FolioBatchMovePtes;
}
