package org.ptreplay.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.sim.Kernel;

/**
 * The package structure of core (issue 14), read from the compiled classes: every class name in
 * a class file's constant pool (class references, field and method descriptors, generic
 * signatures) is a dependency of its package. Core has no package cycles, and only the engine
 * ({@code sim}, {@code replay}) reaches into the mm/ files ({@code linux.*}): kernel state, value
 * types, memory, page tables, the ledger and the cost model sit below them.
 */
class PackageCyclesTest {
    private static final String CORE = "org.ptreplay.core.";
    private static final Pattern NAME = Pattern.compile("org/ptreplay/core/((?:[a-z_0-9]+/)*)[A-Z]");
    private static final Set<String> ENGINE = Set.of("sim", "replay");

    /** Package (relative to org.ptreplay.core) to the core packages its classes use. */
    private static final Map<String, Set<String>> USES = new TreeMap<>();

    @BeforeAll
    static void readClasses() throws IOException, URISyntaxException {
        Path root = Path.of(Kernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root), "core's classes are read from a directory, not " + root);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String rel = root.relativize(f.getParent()).toString().replace('\\', '/');
                if (!rel.startsWith("org/ptreplay/core/")) {
                    continue;
                }
                String pkg = rel.substring("org/ptreplay/core/".length()).replace('/', '.');
                Set<String> uses = USES.computeIfAbsent(pkg, k -> new TreeSet<>());
                try (InputStream in = Files.newInputStream(f)) {
                    for (String s : utf8Constants(in)) {
                        Matcher m = NAME.matcher(s);
                        while (m.find()) {
                            String used = m.group(1).isEmpty() ? "" : m.group(1).substring(0, m.group(1).length() - 1);
                            if (!used.equals(pkg)) {
                                uses.add(used.replace('/', '.'));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(USES.containsKey("linux.mremap"), "no classes of linux.mremap under " + root);
    }

    @Test
    void noPackageCycles() {
        List<List<String>> cycles = stronglyConnected().stream().filter(c -> c.size() > 1).toList();
        assertEquals(List.of(), cycles, "package cycles in core (each list is one cycle's packages, under " + CORE + ")");
    }

    @Test
    void onlyTheEngineUsesTheMmFiles() {
        List<String> bad = new ArrayList<>();
        USES.forEach((pkg, uses) -> {
            if (pkg.startsWith("linux") || ENGINE.contains(pkg)) {
                return;
            }
            uses.stream().filter(u -> u.equals("linux") || u.startsWith("linux.")).forEach(u -> bad.add(pkg + " -> " + u));
        });
        assertEquals(List.of(), bad, "packages below linux.* that use it");
    }

    /** Tarjan's algorithm over the package graph. */
    private static List<List<String>> stronglyConnected() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] next = {0};
        for (String p : USES.keySet()) {
            if (!index.containsKey(p)) {
                connect(p, index, low, stack, onStack, out, next);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                                Set<String> onStack, List<List<String>> out, int[] next) {
        index.put(v, next[0]);
        low.put(v, next[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : USES.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, onStack, out, next);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> scc = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                scc.add(w);
            } while (!w.equals(v));
            scc.sort(null);
            out.add(scc);
        }
    }

    /** The CONSTANT_Utf8 entries of a class file (JVMS §4.4). */
    private static List<String> utf8Constants(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> out = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> out.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return out;
    }
}
