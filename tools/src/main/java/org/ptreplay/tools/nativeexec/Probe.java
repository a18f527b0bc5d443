package org.ptreplay.tools.nativeexec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The native probe (ptreplay-probe.c, shipped as a resource of this package): compiled on first
 * use with the machine's C compiler into a cache directory, under a name keyed by the source's
 * hash, so an edited probe is rebuilt and an unchanged one never is.
 *
 * <p>The compiler is {@code $CC}, else the first of {@code cc}, {@code gcc}, {@code clang} on
 * {@code $PATH}; the cache is {@code $XDG_CACHE_HOME/ptreplay}, else {@code $HOME/.cache/ptreplay}.
 * Both come from the environment passed in, so tests can simulate a machine without a compiler.
 */
public final class Probe {
    static final String SOURCE = "ptreplay-probe.c";
    private static final List<String> COMPILERS = List.of("cc", "gcc", "clang");

    private final Path binary;

    private Probe(Path binary) {
        this.binary = binary;
    }

    /** The compiled probe. */
    public Path binary() {
        return binary;
    }

    /**
     * The probe for this source, compiled now if the cache has no binary of it.
     *
     * @throws ProbeUnavailableException no compiler, no cache directory, or a failed compilation
     */
    public static Probe obtain(Map<String, String> env) throws ProbeUnavailableException {
        byte[] source = source();
        String hash = sha256(source).substring(0, 16);
        Path cache = cacheDir(env);
        Path binary = cache.resolve("ptreplay-probe-" + hash);
        if (Files.isExecutable(binary)) {
            return new Probe(binary);
        }
        Path cc = compiler(env).orElseThrow(() -> new ProbeUnavailableException(
                "no C compiler found (set CC, or install cc, gcc or clang on the PATH): ptreplay compiles its native"
                        + " probe on first use"));
        try {
            Files.createDirectories(cache);
            Path src = cache.resolve("ptreplay-probe-" + hash + ".c");
            Files.write(src, source);
            Path tmp = Files.createTempFile(cache, "ptreplay-probe-", ".tmp");
            Process p = new ProcessBuilder(cc.toString(), "-O2", "-o", tmp.toString(), src.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                Files.deleteIfExists(tmp);
                throw new ProbeUnavailableException("the native probe did not compile with " + cc + " ("
                        + firstLine(log) + ")");
            }
            try {
                Files.move(tmp, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, binary, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Probe(binary);
        } catch (IOException e) {
            throw new ProbeUnavailableException("cannot build the native probe in " + cache + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeUnavailableException("the compilation of the native probe was interrupted");
        }
    }

    /**
     * Runs the probe with {@code args}, handing every line of its output to {@code lines} as it
     * comes (its progress), and returns its exit status.
     */
    public int run(List<String> args, Map<String, String> env, Consumer<String> lines) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        Process p = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.accept(line);
            }
        }
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the native probe ran");
        }
    }

    static Optional<Path> compiler(Map<String, String> env) {
        String cc = env.get("CC");
        if (cc != null && !cc.isBlank()) {
            Path given = Path.of(cc.strip());
            if (given.isAbsolute()) {
                return Files.isExecutable(given) ? Optional.of(given) : Optional.empty();
            }
            return onPath(env, cc.strip());
        }
        for (String name : COMPILERS) {
            Optional<Path> p = onPath(env, name);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> onPath(Map<String, String> env, String name) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Path cacheDir(Map<String, String> env) throws ProbeUnavailableException {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "ptreplay");
        }
        String home = env.get("HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home, ".cache", "ptreplay");
        }
        throw new ProbeUnavailableException("neither XDG_CACHE_HOME nor HOME is set, so there is no cache directory"
                + " for the native probe");
    }

    static byte[] source() {
        try (InputStream in = Probe.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is missing from the ptreplay tools jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SOURCE + " from the ptreplay tools jar", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static String firstLine(String log) {
        String s = log.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
