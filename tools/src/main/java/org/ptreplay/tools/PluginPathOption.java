package org.ptreplay.tools;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** {@code --plugin-path DIR}, repeatable, after the directories of {@code $PTREPLAY_PLUGIN_PATH}. */
final class PluginPathOption {

    static final String ENV = "PTREPLAY_PLUGIN_PATH";

    @Option(names = "--plugin-path", paramLabel = "DIR",
            description = {
                "Also load the plugin jars in DIR (repeatable), each into a module layer of its own.",
                "The directories in $" + ENV + " (separated by '${sys:path.separator}') come first;"
                        + " between two plugins of the same name the first jar wins."})
    List<Path> dirs = new ArrayList<>();

    /** The environment's directories, then the options'; each must be a directory. */
    List<Path> directories(Map<String, String> env) {
        List<Path> all = new ArrayList<>();
        String fromEnv = env.getOrDefault(ENV, "");
        for (String part : fromEnv.split(Pattern.quote(File.pathSeparator))) {
            if (!part.isEmpty()) {
                all.add(requireDirectory(Path.of(part), "in $" + ENV));
            }
        }
        for (Path dir : dirs) {
            all.add(requireDirectory(dir, "given to --plugin-path"));
        }
        return all;
    }

    private static Path requireDirectory(Path dir, String where) {
        if (!Files.isDirectory(dir)) {
            throw CommandFailure.badUsage("plugin directory " + dir + " (" + where + ") is not a directory");
        }
        return dir;
    }
}
