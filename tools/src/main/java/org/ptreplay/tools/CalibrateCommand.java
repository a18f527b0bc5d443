package org.ptreplay.tools;

import org.ptreplay.tools.plugin.PluginLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.spi.Provider;
import org.ptreplay.tools.calibrate.BundledProfiles;
import org.ptreplay.tools.calibrate.CalibratedProfile;
import org.ptreplay.tools.calibrate.Calibration;
import org.ptreplay.tools.calibrate.CalibrationTable;
import org.ptreplay.tools.calibrate.Calibrator;
import org.ptreplay.tools.calibrate.ClosestProfile;
import org.ptreplay.tools.calibrate.HostFacts;
import org.ptreplay.tools.calibrate.Samples;
import org.ptreplay.tools.nativeexec.Probe;
import org.ptreplay.tools.nativeexec.ProbeUnavailableException;
import org.ptreplay.spi.loader.Providers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {
            "Measures this machine's primitives with a native probe (compiled on first use with cc) and writes"
                    + " a machine profile for --profile-file: load latency per cache level and for memory, clock,"
                    + " atomics, syscall entry and exit, page zeroing, one order-0 page fault, the first access"
                    + " through a new PTE, a present PTE changed in place by mprotect and by one locked update"
                    + " (/proc/self/clear_refs), a 2 MiB PMD leaf changed in place (clear_refs and mprotect over"
                    + " MADV_HUGEPAGE mappings of 34 and 68 leaves), and on x86 a single-page and a full TLB flush (mremap and mprotect of"
                    + " small VMAs); CPUs, caches, page size.",
            "",
            "Every measurement is repeated; the file records median and spread, and a spread above 10 %% is"
                    + " warned about. What cannot be measured from user space (IPIs, arm64 TLB maintenance, the page"
                    + " free, the PTE loops' cycles) is the closest bundled profile's, and the file says so. docs/native.md.",
            "",
            "Exit codes: 0 ok, 1 no compiler or the probe failed, 2 bad option."})
final class CalibrateCommand implements Callable<Integer> {

    @ParentCommand
    PtreplayCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.txtpb", required = true, description = "Where to write the profile.")
    Path output;

    @Option(names = "--name", paramLabel = "NAME", description = "The profile's name (default: calibrated-<hostname>).")
    String name;

    @Option(names = "--quick", description = "Fewer and shorter samples: under 20 s on a quiet machine instead of under 2 min.")
    boolean quick;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String profileName = name != null ? name : defaultName();
        if (!Provider.NAME.matcher(profileName).matches()) {
            throw CommandFailure.badUsage("--name '" + profileName + "' is not a profile name (lowercase letters, digits, '.', '/', '+', '-')");
        }
        Calibration c = calibrate(parent.env(), quick, err);
        MachineProfile base = ClosestProfile.among(BundledProfiles.of(PluginLoader.load(List.of())), c);
        String text = CalibratedProfile.text(c, base.proto(), profileName);
        try {
            MachineProfiles.parse(text, "Calibrated profile " + profileName);
        } catch (InvalidProfileException e) {
            throw CommandFailure.badData("the calibration gave a profile the validator refuses (" + e.getMessage()
                    + "); nothing was written", e);
        }
        write(text);
        PrintWriter out = spec.commandLine().getOut();
        out.print(CalibrationTable.render(c));
        out.printf(Locale.ROOT, "%nWrote %s (profile %s; unmeasured numbers from %s) in %.1f s.%n", output, profileName,
                base.name(), c.took().toMillis() / 1000.0);
        return ExitCode.OK;
    }

    /** Runs the calibration with a progress line on stderr; noisy measurements are warned about there. */
    static Calibration calibrate(java.util.Map<String, String> env, boolean quick, PrintWriter err) {
        Calibration c;
        try {
            Probe probe = Probe.obtain(env);
            c = new Calibrator(probe).run(quick, status -> {
                err.print("\rcalibrate: " + status);
                err.flush();
            });
            err.println();
        } catch (ProbeUnavailableException e) {
            throw CommandFailure.badData(e.getMessage());
        } catch (IOException e) {
            throw CommandFailure.badData("calibration failed: " + e.getMessage(), e);
        }
        warnNoisy(c, err);
        return c;
    }

    /**
     * One line per measurement whose spread is above {@link Samples#NOISY}, in the form every
     * command gives its warnings on stderr ({@code ptreplay: warning: ...}).
     */
    static void warnNoisy(Calibration c, PrintWriter err) {
        for (Samples s : c.ordered()) {
            if (s.noisy()) {
                err.printf(Locale.ROOT, "ptreplay: warning: %s spread %.0f %% over %d samples (above 10 %%): the machine was busy%n",
                        s.name(), 100 * s.spread(), s.values().size());
            }
        }
        err.flush();
    }

    private void write(String text) {
        try {
            Path dir = output.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".calibrate-", ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw CommandFailure.badData("cannot write " + output + " (" + e.getMessage() + ")", e);
        }
    }

    private static String defaultName() {
        String host;
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            host = "localhost";
        }
        String clean = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.+-]", "-");
        return "calibrated-" + (clean.isEmpty() ? "localhost" : clean);
    }

    static String arch() {
        return HostFacts.hostArch().orElse("unknown");
    }
}
