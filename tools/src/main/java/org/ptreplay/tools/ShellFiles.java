package org.ptreplay.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ptreplay.tools.text.ManPage;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes a man page per command and the bash/zsh completion script into a {@code share/} tree laid
 * out as {@code ~/.local/share} or {@code /usr/local/share} are, so installing them is one copy
 * (docs/cli.md). The build runs it on the distribution's module path:
 * {@code java -p lib -m org.ptreplay.tools/org.ptreplay.tools.ShellFiles SHARE_DIR}.
 */
public final class ShellFiles {

    /** Wide enough that picocli never wraps a paragraph: troff fills the lines itself. */
    private static final int UNWRAPPED = 10_000;

    private ShellFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ShellFiles SHARE_DIR");
            System.exit(ExitCode.USAGE);
        }
        write(Path.of(args[0]));
    }

    /** Writes the files under {@code share}, replacing older ones, and returns their paths. */
    static List<Path> write(Path share) throws IOException {
        CommandLine root = Main.commandLine(Map.of(), UNWRAPPED);
        List<Path> written = new ArrayList<>();
        Path man1 = Files.createDirectories(share.resolve("man/man1"));
        for (CommandSpec spec : tree(root.getCommandSpec())) {
            written.add(Files.writeString(man1.resolve(ManPage.fileName(spec)),
                    ManPage.of(spec, VersionProvider.toolVersion())));
        }
        // bash loads it on demand from there; zsh sources it after bashcompinit (picocli's script serves both).
        Path completions = Files.createDirectories(share.resolve("bash-completion/completions"));
        written.add(Files.writeString(completions.resolve("ptreplay"), AutoComplete.bash("ptreplay", root)));
        return written;
    }

    private static List<CommandSpec> tree(CommandSpec spec) {
        List<CommandSpec> all = new ArrayList<>(List.of(spec));
        for (CommandSpec sub : ManPage.distinctSubcommands(spec)) {
            all.addAll(tree(sub));
        }
        return all;
    }
}
