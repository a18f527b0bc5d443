package org.ptreplay.trace.importer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ptreplay.trace.TraceEvent;
import org.tukaani.xz.XZInputStream;

/** The real recordings committed under examples/traces, read in place. */
final class Recordings {
    private Recordings() {
    }

    /** Surefire runs tests in the module directory and sets {@code basedir} to it. */
    static Path file(String name) {
        Path p = Path.of(System.getProperty("basedir", ".")).resolve("../examples/traces").resolve(name).normalize();
        assertTrue(Files.isRegularFile(p), p + " is missing");
        return p;
    }

    static Reader open(String name) throws IOException {
        Path p = file(name);
        InputStream in = Files.newInputStream(p);
        return new InputStreamReader(name.endsWith(".xz") ? new XZInputStream(in) : in, StandardCharsets.UTF_8);
    }

    static Imported load(TraceImporter importer, String name, ImportOptions opts) throws IOException, ImportException {
        List<TraceEvent> events = new ArrayList<>();
        try (Reader r = open(name)) {
            ImportResult res = importer.importTo(r, name, opts, events::add);
            return new Imported(events, res);
        }
    }

    static List<String> lines(String name) throws IOException {
        return Files.readAllLines(file(name), StandardCharsets.UTF_8);
    }
}
