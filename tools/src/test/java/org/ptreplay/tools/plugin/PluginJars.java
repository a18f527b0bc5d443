package org.ptreplay.tools.plugin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;


/**
 * Compiles and packages plugin jars during a test, against ptreplay's modules as the running
 * test sees them (its module path), with the JDK's compiler and {@code jar} tool.
 */
final class PluginJars {

    private final Path work;
    private int builds;

    PluginJars(Path work) {
        this.work = work;
    }

    /**
     * Compiles {@code sources} (path in the source tree → text; a {@code module-info.java} makes
     * it a modular jar), adds {@code resources} and packages everything as {@code jar}.
     *
     * @param modulePath extra module directories to compile against (beyond ptreplay's)
     */
    Path build(Path jar, Map<String, String> sources, Map<String, String> resources, List<Path> modulePath)
            throws IOException {
        return pack(jar, compile(sources, modulePath), resources);
    }

    /** Packages compiled {@code classes} and {@code resources} as {@code jar}. */
    Path pack(Path jar, Path classes, Map<String, String> resources) throws IOException {
        for (Map.Entry<String, String> r : resources.entrySet()) {
            Path file = classes.resolve(r.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, r.getValue());
        }
        run("jar", "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
        return jar;
    }

    Path build(Path jar, Map<String, String> sources, Map<String, String> resources) throws IOException {
        return build(jar, sources, resources, List.of());
    }

    /** Compiles {@code sources} into a fresh class directory, which is returned. */
    Path compile(Map<String, String> sources, List<Path> modulePath) throws IOException {
        return compile(sources, modulePath, true);
    }

    /**
     * Compiles {@code sources} against {@code modulePath} only, without ptreplay's modules: for a
     * plugin built against another SPI, given as a stand-in module named {@code org.ptreplay.spi}.
     */
    Path compileAgainstOnly(Map<String, String> sources, List<Path> modulePath) throws IOException {
        return compile(sources, modulePath, false);
    }

    private Path compile(Map<String, String> sources, List<Path> modulePath, boolean withPtreplay) throws IOException {
        int n = builds++;
        Path src = work.resolve("src-" + n);
        Path classes = work.resolve("classes-" + n);
        Files.createDirectories(classes);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            files.add(file);
        }
        List<String> path = new ArrayList<>();
        if (withPtreplay) {
            path.addAll(List.of(System.getProperty("jdk.module.path").split(java.io.File.pathSeparator)));
        }
        modulePath.forEach(p -> path.add(p.toString()));
        List<String> options = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
                "--module-path", String.join(java.io.File.pathSeparator, path)));
        if (!sources.containsKey("module-info.java")) {
            // A plain jar's classes live in the unnamed module, which must be told to read the SPI.
            options.addAll(List.of("--add-modules", "org.ptreplay.spi"));
        }
        JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fileManager, diagnostics, options, null, fileManager.getJavaFileObjectsFromPaths(files)).call();
            if (!ok) {
                throw new IllegalStateException("test plugin does not compile: " + diagnostics.getDiagnostics().stream()
                        .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; ")));
            }
        }
        return classes;
    }

    private static void run(String tool, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int rc = ToolProvider.findFirst(tool).orElseThrow().run(print, print, args);
        if (rc != 0) {
            throw new IllegalStateException(tool + " failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }

    /** A {@code MovePtesStrategy} source; {@code modifiers} is "public" or "" (package-private). */
    static String strategy(String pkg, String cls, String modifiers, String name, String spiVersion, String constructorBody) {
        return """
                package %1$s;

                %2$s class %3$s implements org.ptreplay.spi.MovePtesStrategy {
                    public %3$s() {
                        %6$s
                    }

                    public String name() {
                        return "%4$s";
                    }

                    public String description() {
                        return "test plugin %4$s";
                    }

                    public String spiVersion() {
                        return %5$s;
                    }

                    public boolean movePtes(org.ptreplay.spi.ops.MovePtesContext ctx) {
                        throw new UnsupportedOperationException("test fixture: never replayed");
                    }
                }
                """.formatted(pkg, modifiers, cls, name, spiVersion, constructorBody);
    }

    /** {@code Spi.VERSION}, as a plugin compiled against this SPI returns it. */
    static final String CURRENT_SPI = "org.ptreplay.spi.Spi.VERSION";

    static String moduleInfo(String module, String provider, String... extraRequires) {
        StringBuilder requires = new StringBuilder();
        for (String r : extraRequires) {
            requires.append("    requires ").append(r).append(";\n");
        }
        return "module " + module + " {\n    requires org.ptreplay.spi;\n" + requires
                + "    provides org.ptreplay.spi.Strategy with " + provider + ";\n}\n";
    }

    /** A modular jar with one public strategy {@code org.example.<pkg>.<cls>}. */
    Path modularStrategy(Path jar, String module, String pkg, String cls, String name, String spiVersion,
                         String constructorBody) throws IOException {
        String fqcn = pkg + "." + cls;
        return build(jar, Map.of(
                "module-info.java", moduleInfo(module, fqcn),
                pkg.replace('.', '/') + "/" + cls + ".java", strategy(pkg, cls, "public", name, spiVersion, constructorBody)),
                Map.of());
    }

    static String services(String... providers) {
        return String.join("\n", providers) + "\n";
    }
}
