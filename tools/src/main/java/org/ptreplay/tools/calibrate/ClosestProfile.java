package org.ptreplay.tools.calibrate;

import java.util.Comparator;
import java.util.List;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.proto.CacheLevel;
import org.ptreplay.core.profile.proto.Profile;

/**
 * The bundled profile of this arch nearest to a calibration, which lends the numbers calibration
 * cannot measure. Nearness is the sum of |log ratio| over the clock, the L1, L2 and last-level
 * sizes and the memory latency: the quantities that place a machine among the bundled ones.
 */
public final class ClosestProfile {
    private ClosestProfile() {
    }

    public static MachineProfile among(List<MachineProfile> candidates, Calibration c) {
        return candidates.stream().filter(p -> p.arch().equals(c.facts().arch()))
                .min(Comparator.comparingDouble((MachineProfile p) -> distance(p.proto(), c)).thenComparing(MachineProfile::name))
                .orElseThrow(() -> new IllegalArgumentException("no bundled " + c.facts().arch() + " profile to start from"));
    }

    static double distance(Profile p, Calibration c) {
        double d = 0;
        d += term(p.getCpu().getFrequencyGhz().getValue(), c.get("frequency").map(Samples::median).orElse(0.0));
        List<CacheLevel> levels = p.getMemory().getLevelList();
        List<HostFacts.Cache> caches = c.facts().caches();
        for (int i = 0; i < Math.min(2, Math.min(levels.size(), caches.size())); i++) {
            d += term(levels.get(i).getSizeBytes().getValue(), caches.get(i).sizeBytes());
        }
        if (!levels.isEmpty() && !caches.isEmpty()) {
            d += term(levels.get(levels.size() - 1).getSizeBytes().getValue(), caches.get(caches.size() - 1).sizeBytes());
        }
        d += term(p.getMemory().getDramLatencyNs().getValue(), c.get("latency.memory").map(Samples::median).orElse(0.0));
        return d;
    }

    private static double term(double profile, double measured) {
        return profile > 0 && measured > 0 ? Math.abs(Math.log(measured / profile)) : 0;
    }
}
