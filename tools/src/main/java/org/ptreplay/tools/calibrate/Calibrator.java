package org.ptreplay.tools.calibrate;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ptreplay.tools.nativeexec.Probe;

/**
 * Measures this machine's primitives with the native probe: pointer-chase latency per cache level
 * and for memory, clock, atomics, syscall entry and exit, page zeroing and copy bandwidth, and one
 * order-0 page fault. Workloads that validate the model (fork, munmap, mremap of large regions) are
 * deliberately not run: they are what {@code validate --local} checks the calibrated profile against.
 */
public final class Calibrator {
    /** Repetitions and work scale: {@code --quick} takes about a sixth of the full run. */
    static final int FULL_REPS = 11;
    static final int FULL_SCALE = 2;
    static final int QUICK_REPS = 5;
    static final int QUICK_SCALE = 1;

    private final Probe probe;

    public Calibrator(Probe probe) {
        this.probe = probe;
    }

    /**
     * Runs the calibration; {@code progress} receives one short status per completed round.
     *
     * @throws IOException the probe could not run or reported an error
     */
    public Calibration run(boolean quick, Consumer<String> progress) throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        HostFacts facts = facts();
        int reps = quick ? QUICK_REPS : FULL_REPS;
        int scale = quick ? QUICK_SCALE : FULL_SCALE;
        Map<String, String> env = new HashMap<>();
        for (HostFacts.Cache c : facts.caches()) {
            if (c.level() <= 3) {
                env.put("PTREPLAY_L" + c.level(), Long.toString(c.sizeBytes()));
            }
        }
        Map<String, List<Double>> values = new LinkedHashMap<>();
        Map<String, String> units = new HashMap<>();
        List<String> errors = new ArrayList<>();
        int status = probe.run(List.of("calibrate", Integer.toString(reps), Integer.toString(scale)), env, line -> {
            String[] w = line.split(" ");
            if (w.length == 4 && w[0].equals("sample")) {
                List<Double> list = values.computeIfAbsent(w[1], k -> new ArrayList<>());
                list.add(Double.parseDouble(w[3]));
                units.put(w[1], w[2]);
                if (w[1].equals("fault")) {
                    progress.accept("round " + list.size() + " of " + reps);
                }
            } else if (line.startsWith("error ")) {
                errors.add(line.substring(6));
            }
        });
        if (status != 0 || !errors.isEmpty()) {
            throw new IOException("the native probe failed (exit " + status + (errors.isEmpty() ? "" : ": " + errors.get(0)) + ")");
        }
        Map<String, Samples> out = new HashMap<>();
        values.forEach((k, v) -> out.put(k, new Samples(k, units.get(k), v)));
        return new Calibration(facts, out, started, Duration.ofNanos(System.nanoTime() - t0), reps, quick);
    }

    /** The facts, with the caches from sysfs or, where sysfs has none, from the probe's cpuid. */
    HostFacts facts() throws IOException {
        Map<String, String> info = new HashMap<>();
        List<HostFacts.Cache> cpuid = new ArrayList<>();
        int status = probe.run(List.of("info"), Map.of(), line -> {
            String[] w = line.split(" ");
            if (w.length == 7 && w[1].equals("cache")) {
                cpuid.add(new HostFacts.Cache(Integer.parseInt(w[2]), Long.parseLong(w[3]), Integer.parseInt(w[4]),
                        Integer.parseInt(w[5])));
            } else if (w.length == 3 && w[0].equals("info")) {
                info.put(w[1], w[2]);
            }
        });
        if (status != 0) {
            throw new IOException("the native probe's info failed (exit " + status + ")");
        }
        List<HostFacts.Cache> sysfs = HostFacts.sysfsCaches();
        boolean fromSysfs = !sysfs.isEmpty();
        String arch = HostFacts.hostArch().orElseThrow(() -> new IOException("this machine's architecture ("
                + System.getProperty("os.arch") + ") is not one ptreplay models (x86, arm64)"));
        return new HostFacts(arch, Integer.parseInt(info.getOrDefault("cpus", "1")),
                Integer.parseInt(info.getOrDefault("page_size", "4096")), HostFacts.readKernelRelease(), HostFacts.readCpuModel(),
                fromSysfs ? sysfs : cpuid,
                fromSysfs ? "sysfs /sys/devices/system/cpu/cpu0/cache" : "cpuid (the probe; sysfs lists no caches here)",
                HostFacts.readCpuFlags());
    }
}
