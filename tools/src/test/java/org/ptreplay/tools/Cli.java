package org.ptreplay.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process as a user would, capturing exit code, stdout and stderr. */
final class Cli {
    private Cli() {
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }

    /** With an environment, e.g. {@code COLUMNS}. */
    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * One command line for many runs ({@link Main#commandLine}), as the fuzz test needs: building
     * picocli's model of every command costs about ten times the run of a small command.
     */
    static final class Session {
        private final picocli.CommandLine commandLine = Main.commandLine(Map.of());

        Run run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(commandLine, args, new PrintWriter(out), new PrintWriter(err));
            return new Run(code, out.toString(), err.toString());
        }
    }

    /** A committed example recording, read in place. */
    static Path example(String name) {
        return Path.of(System.getProperty("basedir", ".")).resolve("../examples/traces").resolve(name).normalize();
    }
}
