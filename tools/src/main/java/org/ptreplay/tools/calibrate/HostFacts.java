package org.ptreplay.tools.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What this machine says about itself, read rather than timed: CPUs, page size, kernel release,
 * the data caches (sysfs, else the probe's cpuid), the CPU model and flags.
 *
 * @param arch          {@code x86} or {@code arm64}
 * @param caches        data and unified caches from L1 outwards
 * @param cacheSource   where the cache geometry was read
 * @param cpuFlags      /proc/cpuinfo flags (x86) or features (arm64), empty when unknown
 */
public record HostFacts(String arch, int cpus, int pageSize, String kernelRelease, String cpuModel,
                        List<Cache> caches, String cacheSource, List<String> cpuFlags) {

    /** One cache level; {@code ways} 0 when the machine does not report it. */
    public record Cache(int level, long sizeBytes, int ways, int lineBytes) {
    }

    public HostFacts {
        caches = List.copyOf(caches);
        cpuFlags = List.copyOf(cpuFlags);
    }

    /** The ptreplay arch of this JVM's machine, if it is one ptreplay models. */
    public static Optional<String> hostArch() {
        String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (a.equals("amd64") || a.equals("x86_64")) {
            return Optional.of("x86");
        }
        if (a.equals("aarch64") || a.equals("arm64")) {
            return Optional.of("arm64");
        }
        return Optional.empty();
    }

    /** The running kernel's release, e.g. {@code 6.18.44}, from /proc (the JVM's os.version otherwise). */
    public static String readKernelRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return System.getProperty("os.version", "unknown");
        }
    }

    /** The data caches sysfs lists for cpu0, L1 outwards; empty when sysfs has none (some VMs). */
    static List<Cache> sysfsCaches() {
        Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        List<Cache> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path index : entries.filter(p -> p.getFileName().toString().startsWith("index")).toList()) {
                String type = read(index.resolve("type"));
                if (type.equals("Instruction")) {
                    continue;
                }
                out.add(new Cache(Integer.parseInt(read(index.resolve("level"))), size(read(index.resolve("size"))),
                        Integer.parseInt(read(index.resolve("ways_of_associativity"))),
                        Integer.parseInt(read(index.resolve("coherency_line_size")))));
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        out.sort(Comparator.comparingInt(Cache::level));
        return out;
    }

    static String readCpuModel() {
        return cpuinfo("model name").or(() -> cpuinfo("CPU part").map(p -> "CPU part " + p)).orElse("unknown CPU");
    }

    static List<String> readCpuFlags() {
        return cpuinfo("flags").or(() -> cpuinfo("Features")).map(f -> List.of(f.split("\\s+"))).orElse(List.of());
    }

    private static Optional<String> cpuinfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                    return Optional.of(line.substring(colon + 1).strip());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p).strip();
    }

    /** sysfs sizes: {@code 48K}, {@code 1024K}, {@code 32768K}, {@code 32M}. */
    private static long size(String s) {
        char unit = s.charAt(s.length() - 1);
        long n = Long.parseLong(Character.isDigit(unit) ? s : s.substring(0, s.length() - 1));
        return switch (Character.toUpperCase(unit)) {
            case 'K' -> n << 10;
            case 'M' -> n << 20;
            case 'G' -> n << 30;
            default -> n;
        };
    }
}
