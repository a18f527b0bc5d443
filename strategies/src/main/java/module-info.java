/**
 * The kernel's PTE-batching history as named strategies (move_ptes, page-table moves,
 * copy_pte_range, zap_pte_range) and the Linux releases as kernel presets that compose them.
 * Everything is reached through the core SPI; no package is exported.
 */
module org.ptreplay.strategies {
    requires org.ptreplay.spi;

    provides org.ptreplay.spi.Strategy with
            org.ptreplay.strategies.MovePtesFolioBatch,
            org.ptreplay.strategies.MovePtesHintBatch,
            org.ptreplay.strategies.MovePtesHintOnly,
            org.ptreplay.strategies.MovePtesPtlHold,
            org.ptreplay.strategies.PgtableMovePmd,
            org.ptreplay.strategies.PgtableMovePmdPud,
            org.ptreplay.strategies.CopyPtesFolioBatch,
            org.ptreplay.strategies.ZapPtesFolioBatch,
            org.ptreplay.strategies.ChangePtesFolioBatch;

    provides org.ptreplay.spi.KernelPreset with
            org.ptreplay.strategies.presets.Linux4_19,
            org.ptreplay.strategies.presets.Linux5_0,
            org.ptreplay.strategies.presets.Linux5_11,
            org.ptreplay.strategies.presets.Linux6_8,
            org.ptreplay.strategies.presets.Linux6_9,
            org.ptreplay.strategies.presets.Linux6_16,
            org.ptreplay.strategies.presets.Linux6_17Rc1,
            org.ptreplay.strategies.presets.Linux6_17,
            org.ptreplay.strategies.presets.Linux6_18;
}
