package org.ptreplay.strategies;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ptreplay.spi.ops.CopyPtesContext;
import org.ptreplay.spi.ops.MovePtesContext;
import org.ptreplay.spi.ops.ChangePtesContext;
import org.ptreplay.spi.ops.ZapPtesContext;
import org.ptreplay.spi.CopyPtesStrategy;
import org.ptreplay.spi.KernelPreset;
import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.PgtableMoveStrategy;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.Strategy;
import org.ptreplay.spi.ChangePtesStrategy;
import org.ptreplay.spi.ZapPtesStrategy;

/**
 * This module's providers as the class path's ServiceLoader sees them: the classes listed in
 * META-INF/services, instantiated by their public no-argument constructors. (The module itself
 * declares no {@code uses}, so it cannot call ServiceLoader on its own services.)
 */
public final class ServiceFiles {
    private ServiceFiles() {
    }

    public static <T> List<T> listed(Class<T> service) {
        String file = "/META-INF/services/" + service.getName();
        List<T> providers = new ArrayList<>();
        try (InputStream in = ServiceFiles.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new AssertionError("missing " + file);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    providers.add(service.cast(Class.forName(line.strip()).getConstructor().newInstance()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot instantiate a provider listed in " + file, e);
        }
        return providers;
    }

    public static List<Strategy> strategies() {
        return listed(Strategy.class);
    }

    public static List<KernelPreset> presets() {
        return listed(KernelPreset.class);
    }

    /** This module's strategies plus stand-ins for the core's reference strategies, which presets name. */
    public static List<Strategy> strategiesWithReferenceStandIns() {
        List<Strategy> all = new ArrayList<>(strategies());
        all.add(new MoveStandIn());
        all.add(new PgtableStandIn());
        all.add(new CopyStandIn());
        all.add(new ZapStandIn());
        all.add(new ChangeStandIn());
        return all;
    }

    private static UnsupportedOperationException standIn() {
        return new UnsupportedOperationException("stand-in for a core reference strategy: selection only");
    }

    private static final class MoveStandIn implements MovePtesStrategy {
        public String name() { return "move-ptes/per-pte"; }
        public String description() { return "stand-in"; }
        public String spiVersion() { return Spi.VERSION; }
        public boolean movePtes(MovePtesContext ctx) { throw standIn(); }
    }

    private static final class PgtableStandIn implements PgtableMoveStrategy {
        public String name() { return "pgtable-move/none"; }
        public String description() { return "stand-in"; }
        public String spiVersion() { return Spi.VERSION; }
        public boolean movePmd() { throw standIn(); }
        public boolean movePud() { throw standIn(); }
    }

    private static final class CopyStandIn implements CopyPtesStrategy {
        public String name() { return "copy-ptes/per-pte"; }
        public String description() { return "stand-in"; }
        public String spiVersion() { return Spi.VERSION; }
        public void copyPteRange(CopyPtesContext ctx) { throw standIn(); }
    }

    private static final class ZapStandIn implements ZapPtesStrategy {
        public String name() { return "zap-ptes/per-pte"; }
        public String description() { return "stand-in"; }
        public String spiVersion() { return Spi.VERSION; }
        public long zapPteRange(ZapPtesContext ctx) { throw standIn(); }
    }

    private static final class ChangeStandIn implements ChangePtesStrategy {
        public String name() { return "change-ptes/per-pte"; }
        public String description() { return "stand-in"; }
        public String spiVersion() { return Spi.VERSION; }
        public void changePteRange(ChangePtesContext ctx) { throw standIn(); }
    }
}
