package org.ptreplay.tools;

import org.ptreplay.tools.plugin.PluginLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.MachineProfiles;
import org.ptreplay.core.replay.ReplayFailedException;
import org.ptreplay.tools.calibrate.BundledProfiles;
import org.ptreplay.tools.calibrate.CalibratedProfile;
import org.ptreplay.tools.calibrate.Calibration;
import org.ptreplay.tools.calibrate.ClosestProfile;
import org.ptreplay.tools.calibrate.HostFacts;
import org.ptreplay.tools.local.LocalOutput;
import org.ptreplay.tools.local.LocalResult;
import org.ptreplay.tools.local.LocalValidation;
import org.ptreplay.tools.nativeexec.HostPreset;
import org.ptreplay.tools.nativeexec.NativeExecutor;
import org.ptreplay.tools.nativeexec.NativeRefusal;
import org.ptreplay.tools.nativeexec.Probe;
import org.ptreplay.tools.nativeexec.ProbeUnavailableException;
import org.ptreplay.tools.nativeexec.ThpSysfs;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.tools.text.Json;
import org.ptreplay.tools.workload.Units;

/** {@code validate --local}: the profile (given or calibrated now), then the local checks; every problem one sentence. */
final class LocalRun {
    private LocalRun() {
    }

    static int run(Map<String, String> env, Path profileFile, boolean quick, int runs, String size, boolean json,
                   PrintWriter out, PrintWriter err) {
        if (runs < 1) {
            throw CommandFailure.badUsage("--runs must be at least 1, not " + runs);
        }
        long bytes = Units.parseSize(size).orElse(-1);
        if (bytes < (2L << 20) || bytes % (2L << 20) != 0) {
            throw CommandFailure.badUsage("--size must be a whole number of 2 MiB, at least 2M, not " + size);
        }
        String arch = HostFacts.hostArch().orElseThrow(() -> CommandFailure.badData("validate --local: this machine's"
                + " architecture (" + System.getProperty("os.arch") + ") is not one ptreplay models"));
        Providers registry = PluginLoader.load(List.of());
        Probe probe;
        try {
            probe = Probe.obtain(env);
        } catch (ProbeUnavailableException e) {
            throw CommandFailure.badData(e.getMessage());
        }
        MachineProfile profile = profileFile != null ? ProfileFiles.load(List.of(profileFile)).get(0)
                : calibrated(env, quick, registry, err);
        if (!profile.arch().equals(arch)) {
            throw CommandFailure.badData(profile.origin() + " is an " + profile.arch() + " profile and this machine is " + arch);
        }
        String release = HostFacts.readKernelRelease();
        String preset = HostPreset.of(release, registry.names(ProviderKind.KERNEL_PRESET)).orElseThrow(() ->
                CommandFailure.badData("validate --local: no kernel preset is as old as this kernel (" + release + ")"));
        LocalValidation validation = new LocalValidation(registry,
                new NativeExecutor(probe, new ThpSysfs(ThpSysfs.DEFAULT), NativeExecutor.memAvailable()).onOneCpu(),
                profile, arch, preset, runs, Runtime.getRuntime().availableProcessors());
        LocalResult result;
        try {
            result = validation.run(bytes, status -> {
                err.print("\r\033[Kvalidate --local: " + status);
                err.flush();
            });
            err.println();
        } catch (NativeRefusal | NativeExecutor.NativeFailure e) {
            throw CommandFailure.badData(e.getMessage());
        } catch (ReplayFailedException | IllegalStateException e) {
            throw CommandFailure.badData("validate --local: " + e.getMessage(), e);
        } catch (IOException e) {
            throw CommandFailure.badData("validate --local: the native probe failed (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.badData("validate --local was interrupted");
        }
        out.print(json ? Json.write(LocalOutput.json(result)) : LocalOutput.text(result));
        return result.passedCount() == result.rows().size() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static MachineProfile calibrated(Map<String, String> env, boolean quick, Providers registry, PrintWriter err) {
        Calibration c = CalibrateCommand.calibrate(env, quick, err);
        MachineProfile base = ClosestProfile.among(BundledProfiles.of(registry), c);
        String text = CalibratedProfile.text(c, base.proto(), "calibrated-local");
        err.printf(Locale.ROOT, "calibrated in %.1f s (unmeasured numbers from %s)%n", c.took().toMillis() / 1000.0, base.name());
        try {
            return MachineProfiles.parse(text, "Calibrated profile calibrated-local");
        } catch (InvalidProfileException e) {
            throw CommandFailure.badData("the calibration gave a profile the validator refuses (" + e.getMessage() + ")", e);
        }
    }
}
