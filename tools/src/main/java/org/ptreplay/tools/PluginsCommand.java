package org.ptreplay.tools;

import org.ptreplay.tools.plugin.PluginLoader;
import java.util.concurrent.Callable;
import org.ptreplay.spi.loader.Providers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import org.ptreplay.tools.text.Width;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "plugins",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the architectures, strategies, kernel presets, machine profiles and workloads"
                    + " ptreplay found: built in, and in the jars of the plugin directories.",
            "",
            "Status is 'ok' or 'broken: REASON' (wrong SPI major version, invalid or duplicate name).",
            "",
            "Jars that yield no provider (unreadable, unresolvable, provider class not public,"
                    + " constructor threw) follow the table, one line each: jar, provider, reason.",
            "",
            "Broken plugins are reported, not fatal: the exit code is 0."})
final class PluginsCommand implements Callable<Integer> {

    @ParentCommand
    PtreplayCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    PluginPathOption pluginPath;

    @Option(names = "--json", description = "Print JSON with sorted keys instead of a table (shape: docs/output-formats.md).")
    boolean json;

    @Option(names = {"-l", "--long"}, description = "Also the version, SPI version and module of each provider, and whole descriptions.")
    boolean long_;

    @Override
    public Integer call() {
        Providers registry = PluginLoader.load(pluginPath.directories(parent.env()));
        spec.commandLine().getOut().print(json ? PluginsReport.json(registry) : PluginsReport.text(registry, Width.of(parent.env()), long_));
        return ExitCode.OK;
    }
}
