package org.ptreplay.core.select;

import java.util.List;
import java.util.Map;
import org.ptreplay.spi.KernelConfig;
import org.ptreplay.spi.ops.ChangePtesContext;
import org.ptreplay.spi.ops.CopyPtesContext;
import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.ops.ZapPtesContext;
import org.ptreplay.spi.ChangePtesStrategy;
import org.ptreplay.spi.CopyPtesStrategy;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.KernelPreset;
import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.PgtableMoveStrategy;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.Strategy;
import org.ptreplay.spi.ZapPtesStrategy;

/**
 * Providers for selection tests: they have names, paths and options but never simulate (their
 * path methods throw), since selection only composes them.
 */
final class StandIns {
    private StandIns() {
    }

    private static UnsupportedOperationException notForSimulation() {
        return new UnsupportedOperationException("selection test stand-in");
    }

    /** A move_ptes strategy; {@code takesRespectWrite} gives it the respect-write option. */
    record Move(String name, boolean takesRespectWrite, Map<String, String> applied) implements MovePtesStrategy {
        Move(String name, boolean takesRespectWrite) {
            this(name, takesRespectWrite, Map.of());
        }

        @Override
        public String description() {
            return "stand-in";
        }

        @Override
        public String spiVersion() {
            return Spi.VERSION;
        }

        @Override
        public List<OptionSpec> options() {
            return takesRespectWrite ? List.of(new OptionSpec("respect-write", "off", List.of("on", "off"), "test")) : List.of();
        }

        @Override
        public Strategy configure(Map<String, String> options) {
            if (!takesRespectWrite) {
                return MovePtesStrategy.super.configure(options);
            }
            for (String key : options.keySet()) {
                if (!key.equals("respect-write")) {
                    throw new IllegalArgumentException("strategy " + name + " has no option '" + key + "'");
                }
            }
            return new Move(name, true, Map.copyOf(options));
        }

        @Override
        public boolean movePtes(MovePtesContext ctx) {
            throw notForSimulation();
        }
    }

    record Pgtable(String name) implements PgtableMoveStrategy {
        @Override
        public String description() {
            return "stand-in";
        }

        @Override
        public String spiVersion() {
            return Spi.VERSION;
        }

        @Override
        public boolean movePmd() {
            throw notForSimulation();
        }

        @Override
        public boolean movePud() {
            throw notForSimulation();
        }
    }

    record Copy(String name) implements CopyPtesStrategy {
        @Override
        public String description() {
            return "stand-in";
        }

        @Override
        public String spiVersion() {
            return Spi.VERSION;
        }

        @Override
        public void copyPteRange(CopyPtesContext ctx) {
            throw notForSimulation();
        }
    }

    record Zap(String name) implements ZapPtesStrategy {
        @Override
        public String description() {
            return "stand-in";
        }

        @Override
        public String spiVersion() {
            return Spi.VERSION;
        }

        @Override
        public long zapPteRange(ZapPtesContext ctx) {
            throw notForSimulation();
        }
    }

    record Change(String name) implements ChangePtesStrategy {
        @Override
        public String description() {
            return "stand-in";
        }

        @Override
        public String spiVersion() {
            return Spi.VERSION;
        }

        @Override
        public void changePteRange(ChangePtesContext ctx) {
            throw notForSimulation();
        }
    }

    record Preset(String name, Map<KernelPath, String> strategies, Map<String, Map<KernelPath, String>> perArch,
                  Map<String, Map<String, String>> archOptions, KernelConfig kernelConfig)
            implements KernelPreset {
        @Override
        public String description() {
            return "stand-in";
        }

        @Override
        public String spiVersion() {
            return Spi.VERSION;
        }

        @Override
        public Map<KernelPath, String> strategies(String arch) {
            return perArch.getOrDefault(arch, strategies);
        }
    }

    /** Four paths and the reference change-ptes strategy. */
    static Map<KernelPath, String> paths(String move, String pgtable, String copy, String zap) {
        return paths(move, pgtable, copy, zap, "change-ptes/per-pte");
    }

    static Map<KernelPath, String> paths(String move, String pgtable, String copy, String zap, String change) {
        return Map.of(KernelPath.MOVE_PTES, move, KernelPath.PGTABLE_MOVE, pgtable,
                KernelPath.COPY_PTES, copy, KernelPath.ZAP_PTES, zap, KernelPath.CHANGE_PTES, change);
    }

    static List<Strategy> strategies() {
        return List.of(
                new Move("move-ptes/per-pte", false),
                new Move("move-ptes/folio-batch", true),
                new Move("move-ptes/hint-batch", true),
                new Pgtable("pgtable-move/none"),
                new Pgtable("pgtable-move/pmd"),
                new Pgtable("pgtable-move/pmd+pud"),
                new Copy("copy-ptes/per-pte"),
                new Copy("copy-ptes/folio-batch"),
                new Zap("zap-ptes/per-pte"),
                new Zap("zap-ptes/folio-batch"),
                new Change("change-ptes/per-pte"),
                new Change("change-ptes/folio-batch"));
    }

    static List<KernelPreset> presets() {
        Map<KernelPath, String> v50 = paths("move-ptes/per-pte", "pgtable-move/none", "copy-ptes/per-pte", "zap-ptes/per-pte");
        Map<KernelPath, String> v50x86 = paths("move-ptes/per-pte", "pgtable-move/pmd", "copy-ptes/per-pte", "zap-ptes/per-pte");
        return List.of(
                new Preset("linux-6.16",
                        paths("move-ptes/per-pte", "pgtable-move/pmd+pud", "copy-ptes/folio-batch", "zap-ptes/folio-batch"),
                        Map.of(),
                        Map.of("arm64", Map.of("contpte", "batched", "bbml2", "off"), "x86", Map.of("invlpgb", "on")),
                        KernelConfig.CURRENT),
                new Preset("linux-5.0", v50, Map.of("x86", v50x86), Map.of(), new KernelConfig(true, false, false, false, false, false, false)),
                new Preset("linux-6.9",
                        paths("move-ptes/per-pte", "pgtable-move/pmd+pud", "copy-ptes/folio-batch", "zap-ptes/folio-batch"),
                        Map.of(), Map.of(), KernelConfig.CURRENT));
    }
}
