package org.ptreplay.trace.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.ptreplay.trace.TraceHeader;

/**
 * Describes the machine a recording is made on: {@code uname -m}, {@code getconf PAGESIZE},
 * the kernel release, the THP settings as the raw sysfs strings and the online CPU count.
 * What cannot be read is left unknown (empty or 0), never guessed.
 */
final class MachineProbe {
    /** Runs a small command and returns its standard output, or null if it failed. */
    @FunctionalInterface
    interface Command {
        String output(List<String> argv);
    }

    private final Path sys;
    private final Path proc;
    private final Command command;

    MachineProbe(Path sys, Path proc, Command command) {
        this.sys = sys;
        this.proc = proc;
        this.command = command;
    }

    static MachineProbe local() {
        return new MachineProbe(Path.of("/sys"), Path.of("/proc"), MachineProbe::run);
    }

    TraceHeader.Machine probe() {
        String arch = orEmpty(command.output(List.of("uname", "-m")));
        int pageSize = parseInt(command.output(List.of("getconf", "PAGESIZE")));
        String release = orEmpty(read(proc.resolve("sys/kernel/osrelease")));
        return new TraceHeader.Machine(arch, pageSize, release, thp(), cpus(read(sys.resolve("devices/system/cpu/online"))));
    }

    /** Keys as in {@link TraceHeader.Machine#thp()}: {@code enabled}, {@code defrag}, {@code hugepages-64kB/enabled}. */
    private TreeMap<String, String> thp() {
        TreeMap<String, String> thp = new TreeMap<>();
        Path dir = sys.resolve("kernel/mm/transparent_hugepage");
        for (String key : List.of("enabled", "defrag")) {
            String v = read(dir.resolve(key));
            if (v != null) {
                thp.put(key, v);
            }
        }
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> sizes = Files.newDirectoryStream(dir, "hugepages-*")) {
                for (Path size : sizes) {
                    String v = read(size.resolve("enabled"));
                    if (v != null) {
                        thp.put(size.getFileName() + "/enabled", v);
                    }
                }
            } catch (IOException e) {
                // an unreadable sysfs directory leaves the mTHP sizes unknown
            }
        }
        return thp;
    }

    /** The number of CPUs in a sysfs CPU list such as {@code 0-3,8,10-11}; 0 if unreadable. */
    static int cpus(String list) {
        if (list == null || list.isBlank()) {
            return 0;
        }
        int n = 0;
        try {
            for (String range : list.strip().split(",")) {
                int dash = range.indexOf('-');
                int first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
                n += last - first + 1;
            }
        } catch (NumberFormatException e) {
            return 0;
        }
        return n;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
