package org.ptreplay.tools.calibrate;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One calibration of this machine: what it says about itself and every measurement with its
 * samples, when it started, how long it took and how ({@code quick}: fewer, shorter samples).
 */
public record Calibration(HostFacts facts, Map<String, Samples> measurements, Instant started, Duration took,
                         int repetitions, boolean quick) {
    public Calibration {
        measurements = Map.copyOf(new TreeMap<>(measurements));
    }

    public Optional<Samples> get(String name) {
        return Optional.ofNullable(measurements.get(name));
    }

    /** The measurements in a fixed order for tables: latencies outwards, then the rest by name. */
    public List<Samples> ordered() {
        return measurements.values().stream()
                .sorted(Comparator.comparingInt((Samples s) -> order(s.name()))
                        .thenComparingLong(s -> s.name().startsWith("sweep.") ? Long.parseLong(s.name().substring(6)) : 0)
                        .thenComparing(Samples::name))
                .toList();
    }

    /** Clock, latencies outwards (the sweep between L2 and memory), then the rest by name. */
    private static int order(String name) {
        if (name.startsWith("sweep.")) {
            return 3;
        }
        List<String> first = List.of("frequency", "latency.L1", "latency.L2", "", "latency.memory");
        int i = first.indexOf(name);
        return i < 0 ? first.size() : i;
    }
}
