package org.ptreplay.tools;

import org.ptreplay.tools.plugin.PluginLoader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.ptreplay.tools.calibrate.HostFacts;
import org.ptreplay.tools.nativeexec.HostPreset;
import org.ptreplay.tools.nativeexec.NativeCell;
import org.ptreplay.tools.nativeexec.NativeRun;
import org.ptreplay.tools.nativeexec.NativeText;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.tools.replay.Plan;
import picocli.CommandLine.ParseResult;

/**
 * {@code replay --native} and {@code compare --native}: run the trace on this kernel first, make
 * the simulated cells comparable (this machine's arch and kernel preset unless given, and the THP
 * settings the native runs had unless {@code --thp} is given), then put the native cell beside them.
 */
final class NativeBeside {
    private final NativeRun run;
    private final List<String> notes = new ArrayList<>();

    private NativeBeside(NativeRun run) {
        this.run = run;
    }

    /**
     * Runs the trace natively and adjusts {@code cells} (and {@code strategies}, when
     * {@code defaultStrategy}) for the simulation beside it.
     */
    static NativeBeside prepare(CellOptions cells, List<String> strategies, boolean defaultStrategy, NativeOptions options,
                                ParseResult parsed, Map<String, String> env, PrintWriter err) {
        String arch = HostFacts.hostArch().orElseThrow(() -> CommandFailure.badData("--native: this machine's architecture ("
                + System.getProperty("os.arch") + ") is not one ptreplay models"));
        java.nio.file.Path t = cells.trace;
        if (java.nio.file.Files.exists(t) && !java.nio.file.Files.isRegularFile(t) && !java.nio.file.Files.isDirectory(t)) {
            // The native runs and the simulation each read the trace: a FIFO would block the second reading for ever.
            throw CommandFailure.badUsage("--native reads " + cells.trace + " twice (the native runs, then the simulation),"
                    + " so it must be a regular file or '-', not a FIFO or a device");
        }
        NativeRun run = NativeOptions.measure(cells.trace, cells.thp, options.runs, env, err);
        NativeBeside b = new NativeBeside(run);
        if (!parsed.hasMatchedOption("--arch")) {
            cells.archs = new ArrayList<>(List.of(arch));
        }
        if (defaultStrategy) {
            List<String> presets = PluginLoader.load(List.of()).names(ProviderKind.KERNEL_PRESET);
            String preset = HostPreset.of(run.kernelRelease(), presets).orElseThrow(() -> CommandFailure.badData(
                    "--native: no kernel preset is as old as this kernel (" + run.kernelRelease() + "); give --strategy"));
            strategies.clear();
            strategies.add(preset);
            b.notes.add("--native: the simulation uses " + preset + ", the preset for this kernel (" + run.kernelRelease() + ").");
        }
        if (cells.thp == null) {
            cells.thp = run.thp().toString();
            b.notes.add("--native: the simulation uses the THP settings of the native runs (" + cells.thp + ").");
        }
        return b;
    }

    /** The plan with the native notes added, for the text output. */
    Plan plan(Plan plan) {
        List<String> all = new ArrayList<>(plan.notes());
        all.addAll(notes);
        return new Plan(plan.cells(), all);
    }

    /** Appends the native cell and notes to a replay or compare document. */
    @SuppressWarnings("unchecked")
    void addTo(SortedMap<String, Object> document) {
        NativeCell.appendTo(document, NativeCell.of(run, HostFacts.hostArch().orElse("unknown")));
        ((List<Object>) document.get("notes")).addAll(notes);
    }

    /** The native table beside the simulated cells of {@code document}. */
    @SuppressWarnings("unchecked")
    static String text(SortedMap<String, Object> document) {
        return NativeText.render((List<Object>) document.get("cells"));
    }
}
