package org.ptreplay.tools;

import org.ptreplay.tools.plugin.PluginLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ptreplay.core.value.Placement;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.tools.validate.CaseResult;
import org.ptreplay.tools.validate.CaseRunner;
import org.ptreplay.tools.validate.Cases;
import org.ptreplay.tools.validate.DemoOutput;
import org.ptreplay.tools.validate.Story;
import org.ptreplay.tools.text.Width;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Three headline results, simulated from generated workloads, each with the validate case behind it. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates three published results from workloads generated in memory and shows simulated"
                    + " against published numbers: the x86 bigheap regression of 6.17-rc1 and its fix, the arm64"
                    + " 64K-folio mremap speed-up, and the page-table move speed-up.",
            "",
            "The numbers come from the same cases as 'ptreplay validate'; each story ends with the"
                    + " 'generate' and 'replay --report' commands that reproduce it."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    PtreplayCommand parent;


    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Story> stories = Story.headlines();
        CaseRunner runner = new CaseRunner(PluginLoader.load(List.of()), Runtime.getRuntime().availableProcessors());
        Map<String, CaseResult> results = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        stories.forEach(s -> names.addAll(s.cases()));
        for (String name : names) {
            spec.commandLine().getErr().println("demo: simulating " + name);
            spec.commandLine().getErr().flush();
            try {
                results.put(name, runner.run(Cases.named(name).orElseThrow()));
            } catch (IllegalStateException e) {
                throw CommandFailure.badData(e.getMessage());
            }
        }
        spec.commandLine().getOut().print(DemoOutput.text(stories, results, Placement.DEFAULT.label(), Width.of(parent.env())));
        return ExitCode.OK;
    }
}
