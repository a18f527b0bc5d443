package org.ptreplay.tools.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ptreplay.core.profile.MachineProfile;
import org.ptreplay.core.profile.proto.Sourced;
import org.ptreplay.tools.plugin.PluginLoader;

/**
 * docs/profiles.md, "The bundled profiles", is written by hand: one table per bundled profile, a row
 * per parameter with its value, kind and source, and a "Kinds:" line counting the rows per kind.
 * This keeps it true to the profile files: every sourced number of a profile has a row with the
 * file's value, and every "Kinds:" line is the count of its table.
 */
class ProfilesDocTest {
    private static final Pattern SECTION = Pattern.compile("^### `([a-z0-9-]+)` \\((x86|arm64)\\)$");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\| ([^|]+) \\|");

    /** One profile's table in the doc: value and kind per field path, and its "Kinds:" line. */
    private record Table(Map<String, String> values, Map<String, String> kinds, String kindsLine) {
    }

    @Test
    void everyBundledProfileHasATableWithItsValuesAndCountedKinds() throws IOException {
        Map<String, Table> tables = tables(Files.readAllLines(Path.of("..", "docs", "profiles.md")));
        List<MachineProfile> profiles = BundledProfiles.of(PluginLoader.load(List.of()));
        assertFalse(profiles.isEmpty(), "no bundled profile loaded");
        for (MachineProfile profile : profiles) {
            Table table = tables.get(profile.name());
            assertTrue(table != null, "docs/profiles.md has no table for " + profile.name());
            for (Map.Entry<String, Sourced> number : profile.numbers().entrySet()) {
                String cell = table.values().get(number.getKey());
                assertTrue(cell != null, "docs/profiles.md, " + profile.name() + ": no row for " + number.getKey());
                assertEquals(number.getValue().getValue(), Double.parseDouble(cell), 1e-9,
                        "docs/profiles.md, " + profile.name() + ", " + number.getKey());
            }
            assertEquals(kindsLine(table.kinds()), table.kindsLine(), "docs/profiles.md, " + profile.name());
        }
    }

    private static Map<String, Table> tables(List<String> lines) {
        Map<String, Table> out = new TreeMap<>();
        String name = null;
        Map<String, String> values = null;
        Map<String, String> kinds = null;
        for (String line : lines) {
            Matcher section = SECTION.matcher(line);
            Matcher row = ROW.matcher(line);
            if (section.matches()) {
                name = section.group(1);
                values = new LinkedHashMap<>();
                kinds = new LinkedHashMap<>();
            } else if (name != null && row.find()) {
                values.put(row.group(1), row.group(2).trim());
                kinds.put(row.group(1), row.group(3).trim());
            } else if (name != null && line.startsWith("Kinds:")) {
                out.put(name, new Table(values, kinds, line));
                name = null;
            }
        }
        return out;
    }

    /** "Kinds: 13 sourced, 9 derived, ...": most frequent first, ties alphabetically. */
    private static String kindsLine(Map<String, String> kinds) {
        Map<String, Long> counts = kinds.values().stream()
                .collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting()));
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return "Kinds: " + sorted.stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ".";
    }
}
