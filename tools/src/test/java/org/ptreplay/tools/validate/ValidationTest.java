package org.ptreplay.tools.validate;

import org.ptreplay.tools.plugin.PluginLoader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.loader.Providers;

/**
 * Runs every case once and holds the model to its documented state: the checks that pass are
 * exactly those without a known gap, so a regression and an unexpected pass both fail here, and
 * docs/validation.md lists every known gap.
 */
class ValidationTest {
    private static List<CaseResult> results;

    @BeforeAll
    static void runEveryCase() {
        CaseRunner runner = new CaseRunner(PluginLoader.load(List.of()), Runtime.getRuntime().availableProcessors());
        results = new ArrayList<>();
        for (Case c : Cases.all()) {
            results.add(runner.run(c));
        }
    }

    @Test
    void everyCaseComputesEveryCheck() {
        assertEquals(Cases.names(), results.stream().map(r -> r.validationCase().name()).toList());
        for (CaseResult r : results) {
            assertEquals(r.validationCase().checks().size(), r.checks().size());
            for (CheckResult c : r.checks()) {
                assertTrue(Double.isFinite(c.simulated()) && c.simulated() > 0, r.validationCase().name() + " " + c);
            }
        }
    }

    @Test
    void thePassingChecksAreExactlyThoseWithoutAKnownGap() {
        List<String> unexpected = new ArrayList<>();
        for (CaseResult r : results) {
            for (CheckResult c : r.checks()) {
                boolean expected = c.check().knownGap().isEmpty();
                if (c.passed() != expected) {
                    unexpected.add(r.validationCase().name() + " / " + c.check().id() + ": published "
                            + c.check().published() + ", simulated " + c.simulated() + " "
                            + (c.passed() ? "passes but is listed as a known gap" : "fails but should pass"));
                }
            }
        }
        assertEquals(List.of(), unexpected);
    }

    @Test
    void exactCountsAreExact() {
        CheckResult ptepGet = check(Cases.JAIN, "64K PTEP_GET 6.16/6.17");
        // 1 MiB of aligned 64K folios per iteration: 256 ptep_get per PTE under the per-PTE loop of
        // 6.16, one per 16-entry contpte block (16) under the batched loop of 6.17.
        assertEquals(16.0, ptepGet.simulated());
        assertTrue(ptepGet.passed());
    }

    @Test
    void docsValidationMdNamesEveryKnownGap() throws IOException {
        // Markdown wraps lines anywhere: compare with runs of white space as one space.
        String doc = Files.readString(Path.of("..", "docs", "validation.md")).replaceAll("\\s+", " ");
        for (Case c : Cases.all()) {
            assertTrue(doc.contains("`" + c.name() + "`"), "docs/validation.md does not explain " + c.name());
            for (Check check : c.checks()) {
                Optional<String> gap = check.knownGap();
                if (gap.isPresent()) {
                    assertTrue(doc.contains("known gap: " + c.name() + " / " + check.id()),
                            "docs/validation.md does not list the known gap " + c.name() + " / " + check.id());
                }
            }
        }
    }

    @Test
    void theTextSaysWhichCasesFail() {
        String text = ValidationOutput.text(results);
        TreeSet<String> failing = new TreeSet<>();
        results.stream().filter(r -> !r.passed()).forEach(r -> failing.add(r.validationCase().name()));
        long passing = results.size() - failing.size();
        assertTrue(text.contains(passing + " of " + results.size() + " cases pass"), text);
        for (String name : failing) {
            assertTrue(text.contains(name), text);
        }
    }

    private static CheckResult check(String caseName, String id) {
        return results.stream().filter(r -> r.validationCase().name().equals(caseName))
                .flatMap(r -> r.checks().stream()).filter(c -> c.check().id().equals(id)).findFirst().orElseThrow();
    }
}
