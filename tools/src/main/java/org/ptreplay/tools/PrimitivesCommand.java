package org.ptreplay.tools;

import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.ptreplay.tools.text.Json;
import org.ptreplay.tools.text.PrimitiveLegend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "primitives",
        mixinStandardHelpOptions = true,
        description = {"Lists the primitive operations the tables count (PTE_R, SP_R, REF, MAP, ...), one line each.",
            "Definitions and sources: docs/kernel-model.md, section 0."})
final class PrimitivesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one object: name to meaning.")
    boolean json;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(json ? Json.write(new TreeMap<String, Object>(PrimitiveLegend.all())) : PrimitiveLegend.text(""));
        return ExitCode.OK;
    }
}
