package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.tools.FuzzSeeds.Seed;

/**
 * Mutants of real and generated traces, in every codec and in the text, strace and perf forms,
 * through summary, check, convert and replay (issue 16, item 15). The contract for every mutant
 * and command: exit 0, or exit 1 with one sentence naming the file; never a stack trace, a hang,
 * an OutOfMemoryError or "internal error"; never a silently shorter success (a truncated binary
 * trace must fail); a failed convert leaves neither OUT nor its partial file. A strace or perf
 * mutant that converts is then read, checked and replayed as a trace, so mutated recordings reach
 * the model too.
 *
 * <p>Fixed seed. Each mutant draws from its own generator (seed file name and mutant number), so
 * a run can be split and resumed, and one mutant can be rerun alone:
 * <ul>
 *   <li>{@code -Dptreplay.fuzz.mutants=N}: mutants per seed file (default 5, well under a minute);</li>
 *   <li>{@code -Dptreplay.fuzz.from=K}: the first mutant number (default 0);</li>
 *   <li>{@code -Dptreplay.fuzz.seeds=NAME,...}: only these seed files (default all, {@link FuzzSeeds}).</li>
 * </ul>
 * The long run of docs/reliability.md uses N = 12500 (8 seed files: 100,000 mutants).
 */
class FuzzTest {
    private static final long SEED = 16;
    private static final int MUTANTS = Integer.getInteger("ptreplay.fuzz.mutants", 5);
    private static final int FROM = Integer.getInteger("ptreplay.fuzz.from", 0);
    private static final List<String> ONLY = Arrays.stream(System.getProperty("ptreplay.fuzz.seeds", "").split(","))
            .map(String::strip).filter(s -> !s.isEmpty()).toList();
    private static final Duration PER_COMMAND = Duration.ofSeconds(60);
    /** One command line for every run, checked against a fresh one for every FRESH_EVERY-th mutant. */
    private static final Cli.Session SESSION = new Cli.Session();
    private static final int FRESH_EVERY = 20;
    /** Mutants of one seed before the next seed's turn; each chunk prints its seed's tally so far. */
    private static final int CHUNK = 500;

    private enum Mutation { FLIP, TRUNCATE, DELETE, INSERT, OVERWRITE }

    /** Outcomes and defects of a set of mutants. */
    private static final class Tally {
        final Map<String, Integer> outcomes = new TreeMap<>();
        final List<String> defects = new ArrayList<>();

        void add(Tally other) {
            other.outcomes.forEach((k, v) -> outcomes.merge(k, v, Integer::sum));
            defects.addAll(other.defects);
        }
    }

    @Test
    void theSeedsSucceedInEveryCommand(@TempDir Path dir) throws IOException {
        // Else every mutant would fail for the seed's own reason, and the fuzz would test nothing.
        for (Seed seed : FuzzSeeds.all(dir)) {
            Path file = Files.write(dir.resolve(seed.name()), seed.bytes());
            for (String[] args : commands(seed, file, dir.resolve("out.ptrace"))) {
                Cli.Run r = Cli.run(args);
                assertEquals(0, r.code(), () -> String.join(" ", args) + ": " + r.err());
            }
            Files.deleteIfExists(dir.resolve("out.ptrace"));
        }
    }

    @Test
    void everyMutantIsAnsweredInOneSentenceOrSucceedsInFull(@TempDir Path dir) throws IOException {
        List<Seed> seeds = FuzzSeeds.all(dir).stream().filter(s -> ONLY.isEmpty() || ONLY.contains(s.name())).toList();
        Map<String, Tally> tallies = new TreeMap<>();
        Map<String, Duration> cpu = new TreeMap<>();
        Map<String, Long> wall = new TreeMap<>();
        // Chunks of every seed in turn, so that a long run stopped early has covered every seed alike.
        for (int from = FROM; from < FROM + MUTANTS; from += CHUNK) {
            int to = Math.min(from + CHUNK, FROM + MUTANTS);
            for (Seed seed : seeds) {
                Tally tally = tallies.computeIfAbsent(seed.name(), k -> new Tally());
                long wall0 = System.nanoTime();
                Duration cpu0 = cpu();
                for (int i = from; i < to; i++) {
                    fuzzOne(seed, i, dir, tally);
                }
                wall.merge(seed.name(), System.nanoTime() - wall0, Long::sum);
                cpu.merge(seed.name(), cpu().minus(cpu0), Duration::plus);
                System.out.printf("fuzz seed %s: mutants %d..%d, outcomes %s, defects %d, wall %.0f s, cpu %d s%n",
                        seed.name(), FROM, to - 1, tally.outcomes, tally.defects.size(),
                        wall.get(seed.name()) / 1e9, cpu.get(seed.name()).toSeconds());
                System.out.flush();
            }
        }
        Tally total = new Tally();
        tallies.values().forEach(total::add);
        System.out.println("fuzz: " + MUTANTS * seeds.size() + " mutants (seed " + SEED + "), outcomes " + total.outcomes
                + ", defects " + total.defects.size());
        if (!total.defects.isEmpty()) {
            throw new AssertionError(total.defects.size() + " defects, first: "
                    + String.join("\n", total.defects.subList(0, Math.min(5, total.defects.size()))));
        }
    }

    /** Mutant {@code i} of {@code seed} through every command, its outcomes and defects into {@code tally}. */
    private static void fuzzOne(Seed seed, int i, Path dir, Tally tally) throws IOException {
        Random random = new Random(new SplittableRandom(SEED ^ ((long) seed.name().hashCode() << 32) ^ i).nextLong());
        Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
        Path file = Files.write(dir.resolve("m" + i + "-" + seed.name()), mutate(seed.bytes(), m, random));
        Path out = dir.resolve("out" + i + ".ptrace");
        for (String[] args : commands(seed, file, out)) {
            Path input = Path.of(args[1]);
            if (input.equals(out) && !Files.exists(out)) {
                break; // the mutated recording did not convert: nothing to analyse
            }
            Cli.Run r = assertTimeoutPreemptively(PER_COMMAND, () -> SESSION.run(args),
                    () -> args[0] + " hung on mutant " + i + " of " + seed.name() + " (" + m + ")");
            String command = input.equals(out) ? args[0] + " converted" : args[0];
            tally.outcomes.merge(command + " exit " + r.code(), 1, Integer::sum);
            String defect = defect(r, input, command, m, seed, out);
            if (defect == null && i % FRESH_EVERY == 0) {
                defect = sameAsFresh(r, args, out);
            }
            if (defect != null) {
                String line = "mutant " + i + " of " + seed.name() + " (" + m + "), " + command + ": " + defect
                        + " [" + r.err().strip() + "]";
                System.out.println("fuzz defect: " + line);
                tally.defects.add(line);
            }
        }
        Files.deleteIfExists(file);
        Files.deleteIfExists(out);
    }

    /**
     * The commands for one input: a trace is read by each analysis command and converted; a
     * recording is converted, and its trace then read by each analysis command.
     */
    private static List<String[]> commands(Seed seed, Path file, Path out) {
        List<String[]> commands = new ArrayList<>();
        Path analysed = seed.trace() ? file : out;
        if (!seed.trace()) {
            commands.add(seed.name().endsWith(".strace")
                    ? new String[] {"convert", file.toString(), out.toString(), "--populate", "writable"}
                    : new String[] {"convert", file.toString(), out.toString()});
        }
        commands.add(new String[] {"summary", analysed.toString()});
        commands.add(new String[] {"check", analysed.toString()});
        commands.add(new String[] {"replay", analysed.toString(), "--strategy", "linux-6.17"});
        if (seed.trace()) {
            commands.add(new String[] {"convert", file.toString(), out.toString()});
        }
        return commands;
    }

    /**
     * Whether the reused command line answered as a fresh one does (a differential guard of the
     * reuse): the same exit code, stdout and stderr (replay's text has simulated times only). The command
     * runs again on the same input; a convert first removes the OUT it wrote.
     */
    private static String sameAsFresh(Cli.Run reused, String[] args, Path out) throws IOException {
        if (args[0].equals("convert")) {
            Files.deleteIfExists(out);
        }
        Cli.Run fresh = assertTimeoutPreemptively(PER_COMMAND, () -> Cli.run(args));
        boolean same = fresh.code() == reused.code() && fresh.err().equals(reused.err())
                && fresh.out().equals(reused.out());
        return same ? null : "the reused command line answered " + reused.code() + " where a fresh one answered "
                + fresh.code() + " [" + fresh.err().strip() + "]";
    }

    /** What the run did wrong, or null. */
    private static String defect(Cli.Run r, Path file, String command, Mutation m, Seed seed, Path out) {
        String err = r.err();
        if (err.contains("Exception") || err.contains("\tat ") || err.contains("internal error") || err.contains("OutOfMemoryError")) {
            return "a stack trace or internal error";
        }
        if (r.code() == 1 && command.startsWith("check") && err.isEmpty()) {
            // check's own verdict: a trace that reads in full but has impossible events, listed on stdout
            return r.out().contains(file + ": ") && r.out().matches("(?s).* \\d+ impossible events? \\(.*")
                    ? null : "check exit 1 without its report";
        }
        if (r.code() == 1) {
            if (err.lines().count() != 1 || !err.startsWith("ptreplay: ") || !err.contains(file.toString())) {
                return "not one sentence naming the file";
            }
            if (command.equals("summary converted")) {
                return "convert wrote a trace that summary cannot read";
            }
            if (command.equals("convert") && (Files.exists(out) || Files.exists(Path.of(out + ".partial")))) {
                return "a failed convert left output behind";
            }
            return null;
        }
        if (r.code() != 0) {
            return "exit " + r.code();
        }
        if (m == Mutation.TRUNCATE && seed.trace() && seed.codec() != null) {
            return "a truncated binary trace succeeded";
        }
        return null;
    }

    /** CPU time of this JVM, every thread (the commands run on the timeout's thread and replay's workers). */
    private static Duration cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static byte[] mutate(byte[] b, Mutation m, Random random) {
        int at = random.nextInt(b.length);
        switch (m) {
            case FLIP -> {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << random.nextInt(8));
                return c;
            }
            case TRUNCATE -> {
                return Arrays.copyOf(b, at);
            }
            case DELETE -> {
                int len = Math.min(b.length - at, 1 + random.nextInt(64));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + len, c, at, b.length - at - len);
                return c;
            }
            case INSERT -> {
                byte[] junk = new byte[1 + random.nextInt(64)];
                random.nextBytes(junk);
                byte[] c = new byte[b.length + junk.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(junk, 0, c, at, junk.length);
                System.arraycopy(b, at, c, at + junk.length, b.length - at);
                return c;
            }
            default -> {
                byte[] c = b.clone();
                c[at] = random.nextBoolean() ? (byte) 0xff : 0;
                return c;
            }
        }
    }
}
