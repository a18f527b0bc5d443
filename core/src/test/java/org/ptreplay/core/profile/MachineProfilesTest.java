package org.ptreplay.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptreplay.spi.MachineProfileSource;
import org.ptreplay.spi.Spi;

class MachineProfilesTest {
    private static final String ORIGIN = "Profile fixture";

    /** tiny-x86.txtpb: line 32 opens ops, line 34 is ops.xchg_ns, line 3 is the arch. */
    private static String fixture(String name) {
        try (InputStream in = MachineProfilesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The x86 fixture with 1-based line {@code line} replaced (or removed when {@code text} is null). */
    private static String withLine(int line, String text) {
        List<String> lines = new ArrayList<>(fixture("tiny-x86.txtpb").lines().toList());
        assertTrue(lines.get(33).contains("xchg_ns"), "fixture layout changed: line 34 must be ops.xchg_ns");
        if (text == null) {
            lines.remove(line - 1);
        } else {
            lines.set(line - 1, text);
        }
        return String.join("\n", lines) + "\n";
    }

    private static InvalidProfileException broken(String text) {
        return assertThrows(InvalidProfileException.class, () -> MachineProfiles.parse(text, ORIGIN));
    }

    private static void assertOneSentence(String message) {
        assertFalse(message.contains("\n"), message);
        assertTrue(message.endsWith("."), message);
    }

    @Test
    void validProfileLoadsWithEveryNumberSourced() throws InvalidProfileException {
        MachineProfile profile = MachineProfiles.parse(fixture("tiny-x86.txtpb"), ORIGIN);
        assertEquals("tiny-x86", profile.name());
        assertEquals("x86", profile.arch());
        assertEquals(8, profile.cpus());
        // cpu 2 + two levels x 4 + dram 1 + outstanding misses 1 + prefetcher 2 + ops 23 + invlpg, full flush 2
        // + ipi 2 = 41.
        assertEquals(41, profile.numbers().size());
        assertEquals(4.0, profile.numbers().get("memory.level[1].latency_ns").getValue());
        assertEquals(150.0, profile.numbers().get("x86.ipi.slope_ns").getValue());
        profile.numbers().values().forEach(n -> assertFalse(n.getSource().isBlank()));
    }

    @Test
    void arm64FixtureLoads() throws InvalidProfileException {
        MachineProfile profile = MachineProfiles.parse(fixture("tiny-arm64.txtpb"), ORIGIN);
        assertEquals("arm64", profile.arch());
        // cpu 2 + one level x 4 + dram 1 + outstanding misses 1 + prefetcher 2 + ops 23 + four linear prices x 2
        // + convert 1 + tlbi per cpu 1 = 43.
        assertEquals(43, profile.numbers().size());
    }

    @Test
    void numberWithoutSourceNamesFieldAndLine() {
        var e = broken(withLine(34, "  xchg_ns { value: 20 }"));
        assertEquals("Profile fixture: line 34: the number ops.xchg_ns has no source.", e.getMessage());
        assertEquals(34, e.line());
    }

    @Test
    void blankSourceCountsAsMissing() {
        var e = broken(withLine(34, "  xchg_ns { value: 20 source: \"  \" }"));
        assertEquals("Profile fixture: line 34: the number ops.xchg_ns has no source.", e.getMessage());
    }

    @Test
    void missingNumberIsReportedAtItsSection() {
        var e = broken(withLine(34, null));
        assertEquals("Profile fixture: line 32: the field ops.xchg_ns is missing.", e.getMessage());
    }

    /** A profile written before the single-update sync existed (an older calibrate's) is refused, naming the field. */
    @Test
    void aProfileWithoutTheSingleUpdateSyncNamesIt() {
        var e = broken(withLine(54, null));
        assertEquals("Profile fixture: line 32: the field ops.shadow_sync_rmw_ns is missing.", e.getMessage());
    }

    /** A profile written before the leaf sync existed (an older calibrate's) is refused, naming the field. */
    @Test
    void aProfileWithoutTheLeafSyncNamesIt() {
        var e = broken(withLine(55, null));
        assertEquals("Profile fixture: line 32: the field ops.shadow_leaf_rmw_ns is missing.", e.getMessage());
    }

    @Test
    void syntaxErrorGivesOneSentenceWithLine() {
        var e = broken(withLine(34, "  xchg_ns { value: : 20 source: \"x\" }"));
        assertEquals(34, e.line());
        assertTrue(e.getMessage().startsWith("Profile fixture: line 34: column "), e.getMessage());
        assertOneSentence(e.getMessage());
    }

    @Test
    void unknownFieldGivesOneSentenceWithLine() {
        var e = broken(withLine(34, "  xchg_nanos { value: 20 source: \"x\" }"));
        assertEquals(34, e.line());
        assertEquals("Profile fixture: line 34: column 3: Input contains unknown fields and/or extensions: "
                + "ptreplay.profile.v1.Ops.xchg_nanos.", e.getMessage());
    }

    @Test
    void repeatedSingularFieldIsRefused() {
        var e = broken(withLine(35, "  xchg_ns { value: 21 source: \"again\" }"));
        assertEquals(35, e.line());
        assertOneSentence(e.getMessage());
    }

    @Test
    void negativeNumberIsRefused() {
        var e = broken(withLine(34, "  xchg_ns { value: -1 source: \"x\" }"));
        assertEquals("Profile fixture: line 34: the number ops.xchg_ns must be finite and not negative, not -1.0.",
                e.getMessage());
    }

    @Test
    void sectionOfTheOtherArchIsRefused() {
        var e = broken(withLine(3, "arch: \"arm64\""));
        assertEquals("Profile fixture: line 3: an arm64 profile needs an arm64 section and no x86 section.", e.getMessage());
    }

    @Test
    void unknownArchIsRefused() {
        var e = broken(withLine(3, "arch: \"riscv\""));
        assertEquals("Profile fixture: line 3: the arch must be \"x86\" or \"arm64\", not \"riscv\".", e.getMessage());
    }

    @Test
    void cacheSizeMustFillWholeSets() {
        // Line 12 is L1 size_bytes: 2000 is not a multiple of 4 ways x 64 bytes.
        var e = broken(withLine(12, "    size_bytes { value: 2000 source: \"x\" }"));
        assertEquals(12, e.line());
        assertTrue(e.getMessage().contains("memory.level[0].size_bytes"), e.getMessage());
    }

    @Test
    void outerLevelMayNotBeFasterThanInner() {
        // Line 22 is L2 latency_ns.
        var e = broken(withLine(22, "    latency_ns { value: 0.5 source: \"x\" }"));
        assertEquals("Profile fixture: line 22: memory.level[1].latency_ns must be positive and not below the level before it.",
                e.getMessage());
    }

    @Test
    void pairLinesNeedASourceAndSixtyFourByteLines() throws InvalidProfileException {
        // Line 26 is the prefetcher's enabled switch: the pair-line prefetcher's fields follow it.
        var e = broken(withLine(26, "    enabled: false pair_lines: true"));
        assertEquals(26, e.line());
        assertEquals("Profile fixture: line 26: memory.prefetcher.pair_lines has no source"
                + " (memory.prefetcher.pair_lines_source).", e.getMessage());
        String sourced = withLine(26, "    enabled: false pair_lines: true pair_lines_source: \"x\"");
        assertTrue(MachineProfiles.parse(sourced, ORIGIN).proto().getMemory().getPrefetcher().getPairLines());
        String wide = sourced.replace("line_bytes { value: 64", "line_bytes { value: 128")
                .replace("size_bytes { value: 2048", "size_bytes { value: 4096")
                .replace("size_bytes { value: 8192", "size_bytes { value: 16384");
        var w = broken(wide);
        assertEquals("Profile fixture: line 26: memory.prefetcher.pair_lines completes 128-byte pairs of 64-byte"
                + " lines, but the lines are 128 bytes.", w.getMessage());
    }

    @Test
    void fileIsParsedAndUnreadableFileIsOneSentence(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.txtpb");
        Files.writeString(file, fixture("tiny-x86.txtpb"));
        assertEquals("tiny-x86", MachineProfiles.parse(file).name());
        assertEquals("Profile file " + file, MachineProfiles.parse(file).origin());

        Path missing = dir.resolve("missing.txtpb");
        var e = assertThrows(InvalidProfileException.class, () -> MachineProfiles.parse(missing));
        assertEquals("Profile file " + missing + ": it cannot be read (NoSuchFileException: " + missing + ").", e.getMessage());
    }

    @Test
    void brokenFileNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.txtpb");
        Files.writeString(file, withLine(34, "  xchg_ns { value: 20 }"));
        var e = assertThrows(InvalidProfileException.class, () -> MachineProfiles.parse(file));
        assertEquals("Profile file " + file + ": line 34: the number ops.xchg_ns has no source.", e.getMessage());
    }

    @Test
    void binaryFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("binary.txtpb");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        var e = assertThrows(InvalidProfileException.class, () -> MachineProfiles.parse(file));
        assertEquals("Profile file " + file + ": it is not UTF-8 text.", e.getMessage());
    }

    @Test
    void providerMustBundleTheProfileItNames() throws InvalidProfileException {
        assertEquals("tiny-x86", MachineProfiles.load(new FixtureSource("tiny-x86", "x86")).name());
        var e = assertThrows(InvalidProfileException.class, () -> MachineProfiles.load(new FixtureSource("other", "x86")));
        assertEquals("Bundled profile other: it describes tiny-x86 (x86) but its provider announces other (x86).", e.getMessage());
    }

    /** A provider that serves the x86 fixture under any name. */
    private record FixtureSource(String name, String arch) implements MachineProfileSource {
        @Override
        public String description() {
            return "test fixture";
        }

        @Override
        public String spiVersion() {
            return Spi.VERSION;
        }

        @Override
        public InputStream open() {
            return MachineProfilesTest.class.getResourceAsStream("tiny-x86.txtpb");
        }
    }

    /** tiny-x86.txtpb: line 65 is its one cpu_features entry (invlpgb, absent). */
    @Test
    void cpuFeaturesAreListedOnceEachWithASource() throws InvalidProfileException {
        MachineProfile profile = MachineProfiles.parse(fixture("tiny-x86.txtpb"), ORIGIN);
        assertEquals(List.of("invlpgb"), List.copyOf(profile.cpuFeatures().keySet()));
        assertFalse(profile.cpuFeatures().get("invlpgb").getPresent());

        InvalidProfileException none = broken(withLine(65, null));
        assertEquals("Profile fixture: it has no cpu_features entry.", none.getMessage());
        InvalidProfileException unsourced = broken(withLine(65, "cpu_features { name: \"invlpgb\" present: true }"));
        assertEquals("Profile fixture: line 65: the CPU feature invlpgb has no source.", unsourced.getMessage());
        String twice = fixture("tiny-x86.txtpb") + "cpu_features { name: \"invlpgb\" present: true source: \"again\" }\n";
        assertEquals("Profile fixture: line 66: the CPU feature invlpgb is listed twice.", broken(twice).getMessage());
        InvalidProfileException badName = broken(withLine(65, "cpu_features { name: \"INVLPGB\" source: \"x\" }"));
        assertOneSentence(badName.getMessage());
        assertTrue(badName.getMessage().contains("is not an option name"), badName.getMessage());
    }
}
