package org.ptreplay.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.KernelPreset;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.PgtableMoveStrategy;
import org.ptreplay.spi.Provider;
import org.ptreplay.spi.Strategy;
import org.ptreplay.spi.loader.Providers;

class ProvidersTest {

    @Test
    void theServiceFilesListTheStrategiesOfTheIssue() {
        assertEquals(List.of("move-ptes/folio-batch", "move-ptes/hint-batch", "move-ptes/hint-only",
                        "move-ptes/ptl-hold", "pgtable-move/pmd", "pgtable-move/pmd+pud", "copy-ptes/folio-batch",
                        "zap-ptes/folio-batch", "change-ptes/folio-batch"),
                ServiceFiles.strategies().stream().map(Provider::name).toList());
        assertEquals(List.of("linux-4.19", "linux-5.0", "linux-5.11", "linux-6.8", "linux-6.9", "linux-6.16",
                        "linux-6.17-rc1", "linux-6.17", "linux-6.18"),
                ServiceFiles.presets().stream().map(Provider::name).toList());
    }

    /** The loader's rules for the presets; the strategies run the whole contract ({@link StrategyContractsTest}). */
    @Test
    void everyPresetPassesTheLoadersRules() {
        for (KernelPreset p : ServiceFiles.presets()) {
            assertEquals(Optional.empty(), Providers.check(p), p.name());
            assertFalse(p.description().isBlank(), p.name());
            assertFalse(p.description().endsWith("."), p.name() + ": one line, no trailing period");
        }
    }

    @Test
    void moduleDescriptorProvidesWhatTheServiceFilesList() {
        ModuleDescriptor descriptor = MovePtesFolioBatch.class.getModule().getDescriptor();
        assumeTrue(descriptor != null, "runs on the module path only");
        for (Class<?> service : List.of(Strategy.class, KernelPreset.class)) {
            Set<String> declared = descriptor.provides().stream()
                    .filter(p -> p.service().equals(service.getName()))
                    .flatMap(p -> p.providers().stream())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> listed = ServiceFiles.listed(service).stream().map(o -> o.getClass().getName())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(listed, declared, service.getSimpleName());
        }
    }

    @Test
    void pageTableMoves() {
        PgtableMoveStrategy pmd = new PgtableMovePmd();
        PgtableMoveStrategy pud = new PgtableMovePmdPud();
        assertTrue(pmd.movePmd());
        assertFalse(pmd.movePud());
        assertTrue(pud.movePmd());
        assertTrue(pud.movePud());
    }

    @Test
    void respectWriteIsAnOnOffOptionOfTheBatchedVariants() {
        for (Strategy s : List.of(new MovePtesFolioBatch(), new MovePtesHintBatch())) {
            assertEquals(List.of(new OptionSpec("respect-write", "off", List.of("on", "off"),
                    "end a batch where the write bit changes (04d1c9d60c6e, FPB_RESPECT_WRITE; 6.17.y, not 6.17.0)")),
                    s.options());
            Strategy on = s.configure(Map.of("respect-write", "on"));
            assertEquals(s.name(), on.name());
            assertNotSame(s, on);
            assertEquals("option respect-write of strategy " + s.name() + " must be on or off, got 'yes'",
                    assertThrows(IllegalArgumentException.class,
                            () -> s.configure(Map.of("respect-write", "yes"))).getMessage());
            assertEquals("strategy " + s.name() + " has no option 'fast'; it accepts: respect-write",
                    assertThrows(IllegalArgumentException.class, () -> s.configure(Map.of("fast", "on"))).getMessage());
        }
        assertEquals("strategy move-ptes/hint-only takes no options, got [respect-write]",
                assertThrows(IllegalArgumentException.class,
                        () -> new MovePtesHintOnly().configure(Map.of("respect-write", "on"))).getMessage());
    }
}
