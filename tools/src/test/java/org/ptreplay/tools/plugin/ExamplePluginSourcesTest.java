package org.ptreplay.tools.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.opentest4j.AssertionFailedError;
import org.ptreplay.testkit.contract.StrategyContractTest;

/**
 * The example plugin builds outside the repository with nothing of ptreplay but the SPI and the
 * testkit (issue 14 "Done when", issue 17): its sources are copied to a temporary directory, its
 * main code is compiled against the SPI module alone (with the trace format the SPI requires),
 * its tests against that plus the testkit and JUnit, and the tests are run.
 *
 * <p>This is the fast, precise half of the claim: javac shows that the compile path holds nothing
 * else of ptreplay, and the pom is checked for the rest (no parent, the ptreplay dependencies it
 * declares and their scopes, the version of this checkout). The other half, a real Maven build of
 * a copy outside the repository whose jar the real launcher then replays, is
 * {@code tools/src/it/standalone-plugin.sh}, run at integration-test.
 */
class ExamplePluginSourcesTest {

    private static Path example() {
        Path dir = Path.of(System.getProperty("ptreplay.example.plugin.dir"));
        assertTrue(Files.isRegularFile(dir.resolve("pom.xml")), "no example plugin at " + dir);
        return dir;
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(List<Path> entries) {
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static void javac(List<Path> files, List<String> options) throws IOException {
        JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
            assertTrue(ok, () -> "the example does not compile: " + diagnostics.getDiagnostics().stream()
                    .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; ")));
        }
    }

    @Test
    void pomIsStandaloneAndNeedsOnlyTheSpiAndTheTestkit() throws IOException {
        String pom = Files.readString(example().resolve("pom.xml"));
        assertFalse(pom.contains("<parent>"), "the example's pom must not have a parent");
        Matcher deps = Pattern.compile("<groupId>org\\.ptreplay</groupId>\\s*<artifactId>([^<]+)</artifactId>"
                + "\\s*<version>([^<]+)</version>\\s*<scope>([^<]+)</scope>").matcher(pom);
        List<String> ptreplay = new ArrayList<>();
        while (deps.find()) {
            ptreplay.add(deps.group(1) + ":" + deps.group(2) + ":" + deps.group(3));
        }
        assertEquals(List.of("ptreplay-spi:${ptreplay.version}:provided", "ptreplay-testkit:${ptreplay.version}:test"),
                ptreplay);
        assertEquals(2, pom.split("<groupId>org\\.ptreplay</groupId>", -1).length - 1, "other org.ptreplay artifacts");
        assertTrue(pom.contains("<ptreplay.version>" + System.getProperty("ptreplay.version") + "</ptreplay.version>"),
                "the example builds against this checkout's version " + System.getProperty("ptreplay.version"));
    }

    @Test
    void buildsAgainstTheSpiAloneAndPassesItsTestsOnTheTestkit(@TempDir Path outside) throws Exception {
        Path copy = outside.resolve("strategy-plugin");
        try (Stream<Path> files = Files.walk(example().resolve("src"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = copy.resolve(example().relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Path testkit = locationOf(StrategyContractTest.class);
        List<Path> spiAndItsLibraries = spiAndItsLibraries();
        List<Path> junit = List.of(locationOf(Test.class), locationOf(AssertionFailedError.class),
                locationOf(org.junit.platform.commons.util.Preconditions.class));

        Path classes = Files.createDirectories(outside.resolve("classes"));
        javac(javaFiles(copy.resolve("src/main/java")), List.of("--release", "17", "-d", classes.toString(),
                "--module-path", path(spiAndItsLibraries)));
        Path resources = copy.resolve("src/main/resources");
        try (Stream<Path> files = Files.walk(resources)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path to = classes.resolve(resources.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }

        Path testClasses = Files.createDirectories(outside.resolve("test-classes"));
        List<Path> testPath = new ArrayList<>(List.of(classes, testkit));
        testPath.addAll(spiAndItsLibraries);
        testPath.addAll(junit);
        javac(javaFiles(copy.resolve("src/test/java")), List.of("--release", "17", "-d", testClasses.toString(),
                "-classpath", path(testPath)));

        TestExecutionSummary summary = runTests(testClasses, classes);
        assertEquals(0, summary.getTotalFailureCount(), () -> summary.getFailures().stream()
                .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                .collect(Collectors.joining("; ")));
        assertTrue(summary.getTestsSucceededCount() >= 10, "tests run: " + summary.getTestsSucceededCount());
    }

    /**
     * The SPI, the trace format it requires and their third-party libraries (protobuf, the
     * codecs): what Maven puts on a plugin's path for {@code ptreplay-spi}. Taken from this test's
     * module path with every other {@code org.ptreplay} module left out, so the compile fails if
     * the example needs one of them.
     */
    private static List<Path> spiAndItsLibraries() {
        List<Path> keep = new ArrayList<>();
        for (String entry : System.getProperty("jdk.module.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String module;
            try {
                module = ModuleFinder.of(p).findAll().stream().findFirst().map(r -> r.descriptor().name()).orElse("");
            } catch (FindException e) {
                module = "";
            }
            if (!module.startsWith("org.ptreplay.") || module.equals("org.ptreplay.spi")
                    || module.equals("org.ptreplay.trace")) {
                keep.add(p);
            }
        }
        return keep;
    }

    /**
     * Runs every test class of {@code testClasses} with the JUnit launcher, loaded by a class loader
     * of their own over the example's classes; the SPI, the testkit and JUnit come from this test's
     * loader, as the same classes the launcher's engine knows.
     */
    private static TestExecutionSummary runTests(Path testClasses, Path classes)
            throws IOException, ClassNotFoundException {
        List<ClassSelector> selectors = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {
                testClasses.toUri().toURL(), classes.toUri().toURL()}, ExamplePluginSourcesTest.class.getClassLoader());
             Stream<Path> files = Files.walk(testClasses)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith("Test.class"))::iterator) {
                String name = testClasses.relativize(f).toString().replace(File.separatorChar, '.');
                selectors.add(selectClass(loader.loadClass(name.substring(0, name.length() - ".class".length()))));
            }
            assertFalse(selectors.isEmpty(), "no test classes compiled");
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                Launcher launcher = LauncherFactory.create();
                SummaryGeneratingListener listener = new SummaryGeneratingListener();
                launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), listener);
                return listener.getSummary();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
