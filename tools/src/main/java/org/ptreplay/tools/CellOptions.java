package org.ptreplay.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.value.Placement;
import org.ptreplay.core.value.ThpSpec;
import org.ptreplay.tools.replay.CellPlanner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code replay} and {@code compare} share: the trace, the cells' arch and profile axes, and the run settings. */
final class CellOptions {

    @Parameters(index = "0", paramLabel = "TRACE", description = "The trace file (any codec; detected from its bytes); - reads standard input.")
    Path trace;

    @Option(names = "--arch", split = ",", paramLabel = "A", defaultValue = "x86",
            description = {"Architectures, with options: x86, arm64:granule=64k:contpte=basic (default: ${DEFAULT-VALUE}).",
                "Options given here override the kernel preset's and the CPU features of the profile."})
    List<String> archs = new ArrayList<>();

    @Option(names = "--profile", split = ",", paramLabel = "P",
            description = "Machine profiles; each belongs to one arch. An arch without one uses generic-<arch>.")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--profile-file", paramLabel = "FILE.txtpb",
            description = {"Machine profiles from files in the bundled profiles' text format (docs/profiles.md),"
                    + " e.g. written by calibrate; each under the name its file gives. May be repeated and combined with --profile."})
    List<Path> profileFiles = new ArrayList<>();

    @Option(names = "--thp", paramLabel = "SPEC",
            description = "THP settings as sysfs spells them: enabled=always,64K=always,2M=inherit (default: kernel defaults).")
    String thp;

    @Option(names = "--placement", paramLabel = "P", defaultValue = "aged",
            description = {"Where order-0 folios go in physical memory: buddy (the page allocator from a measured"
                    + " machine's free memory, up for hours), buddy:fresh (a fresh boot), buddy:N0,N1,..."
                    + " (free blocks per order, as /proc/buddyinfo lists them), or without an allocator model sequential,"
                    + " scattered, aged[:FRACTION] (that fraction scattered; aged = aged:0.5, the default).",
                    "It decides whether struct page reads hit prefetched lines (docs/profiles.md)."})
    String placement;

    @Option(names = "--cpus", paramLabel = "N", defaultValue = "0",
            description = "CPUs of the simulated machine (default: the profile's count).")
    int cpus;

    @Option(names = "--lazy-tlb-cpus", paramLabel = "N", defaultValue = "0",
            description = {"CPUs that ran the traced process and sit in lazy-TLB mode, still in its mm_cpumask"
                    + " (default: ${DEFAULT-VALUE}). x86 sends them shootdown IPIs only when page tables are"
                    + " freed; at most the CPUs not running it. arm64 ignores it (broadcast TLBIs)."})
    int lazyTlbCpus;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1",
            description = "CPUs running the workload at once; arm64 TLBI and DSB prices grow with it (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads for the cells (default: available processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--strict", description = "Stop at the first result that differs from the recording (exit 1).")
    boolean strict;

    @Option(names = "--json", description = "Print JSON with sorted keys (shape: docs/output-formats.md).")
    boolean json;

    @Mixin
    PluginPathOption pluginPath;

    /** The {@code --profile-file} profiles, validated; a bad one is one sentence naming the file and line (exit 1). */
    List<MachineProfile> fileProfiles() {
        return ProfileFiles.load(profileFiles);
    }

    CellPlanner.Settings settings() {
        ThpSpec spec;
        try {
            spec = ThpSpec.parse(thp);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badUsage("--thp: " + e.getMessage());
        }
        Placement where;
        try {
            where = Placement.parse(placement);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badUsage("--placement: " + e.getMessage());
        }
        if (cpus < 0) {
            throw CommandFailure.badUsage("--cpus must be 0 (the profile's count) or positive, not " + cpus);
        }
        if (concurrency < 1) {
            throw CommandFailure.badUsage("--concurrency must be at least 1, not " + concurrency);
        }
        if (lazyTlbCpus < 0) {
            throw CommandFailure.badUsage("--lazy-tlb-cpus must be 0 or more, not " + lazyTlbCpus);
        }
        return new CellPlanner.Settings(spec, where, cpus, lazyTlbCpus, concurrency, strict);
    }

    int threadCount() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw CommandFailure.badUsage("--threads must be at least 1, not " + n);
        }
        return n;
    }
}
