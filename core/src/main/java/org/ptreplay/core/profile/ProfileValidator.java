package org.ptreplay.core.profile;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormatParseInfoTree;
import com.google.protobuf.TextFormatParseLocation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ptreplay.core.profile.proto.CacheLevel;
import org.ptreplay.core.profile.proto.CpuFeature;
import org.ptreplay.core.profile.proto.Memory;
import org.ptreplay.core.profile.proto.Profile;
import org.ptreplay.core.profile.proto.Sourced;
import org.ptreplay.spi.Provider;

/**
 * Checks a parsed profile: every message field present (apart from the other arch's section),
 * every number sourced, finite and in range, and the cache geometry usable by the cache model.
 * Problems are reported as one sentence with the line of the offending field.
 */
final class ProfileValidator {
    /** Upper bound for integer-valued numbers: large enough for any cache, small enough to be exact. */
    private static final double MAX_INTEGER = 1L << 40;
    private static final int MAX_PREFETCH_DEGREE = 64;
    private static final int MAX_OUTSTANDING_MISSES = 256;
    private static final Pattern FEATURE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final String origin;
    /** 1-based line of every field seen, by path; filled by the presence walk. */
    private final Map<String, Integer> lines = new HashMap<>();

    ProfileValidator(String origin) {
        this.origin = origin;
    }

    void validate(Profile profile, TextFormatParseInfoTree tree) throws InvalidProfileException {
        requirePresent(profile, tree, "", 0);
        checkIdentity(profile);
        checkCpu(profile);
        checkMemory(profile.getMemory());
        checkCpuFeatures(profile);
        check(profile.getOps().getZeroBytesPerNs().getValue() > 0, "ops.zero_bytes_per_ns",
                "the page zeroing bandwidth ops.zero_bytes_per_ns must be positive");
    }

    private void requirePresent(Message message, TextFormatParseInfoTree tree, String prefix, int line)
            throws InvalidProfileException {
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            String path = prefix + field.getName();
            List<TextFormatParseLocation> locations = tree == null ? List.of() : tree.getLocations(field);
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                record(path, locations.isEmpty() ? line : oneBased(locations.get(0)));
                continue;
            }
            if (field.isRepeated()) {
                int count = message.getRepeatedFieldCount(field);
                if (count == 0) {
                    fail(line, "it has no " + path + " entry");
                }
                for (int i = 0; i < count; i++) {
                    String element = path + "[" + i + "]";
                    int elementLine = i < locations.size() ? oneBased(locations.get(i)) : line;
                    record(element, elementLine);
                    visit((Message) message.getRepeatedField(field, i), nested(tree, field, i), element, elementLine);
                }
            } else if (message.hasField(field)) {
                int fieldLine = locations.isEmpty() ? line : oneBased(locations.get(0));
                record(path, fieldLine);
                visit((Message) message.getField(field), nested(tree, field, 0), path, fieldLine);
            } else if (field.getRealContainingOneof() == null) {
                // The arch sections form a oneof: checkIdentity requires the right one.
                fail(line, "the field " + path + " is missing");
            }
        }
    }

    private void visit(Message message, TextFormatParseInfoTree tree, String path, int line)
            throws InvalidProfileException {
        if (message instanceof Sourced sourced) {
            if (sourced.getSource().isBlank()) {
                fail(line, "the number " + path + " has no source");
            }
            double value = sourced.getValue();
            if (!Double.isFinite(value) || value < 0) {
                fail(line, "the number " + path + " must be finite and not negative, not " + value);
            }
            return;
        }
        requirePresent(message, tree, path + ".", line);
    }

    private void checkIdentity(Profile profile) throws InvalidProfileException {
        check(Provider.NAME.matcher(profile.getName()).matches(), "name",
                "the name \"" + profile.getName() + "\" is not a valid short name (lowercase letters, digits, '-', '.', '/', '+')");
        check(!profile.getDescription().isBlank(), "description", "the description is empty");
        switch (profile.getArch()) {
            case "x86" -> check(profile.hasX86(), "arch", "an x86 profile needs an x86 section and no arm64 section");
            case "arm64" -> check(profile.hasArm64(), "arch", "an arm64 profile needs an arm64 section and no x86 section");
            default -> fail(lineOf("arch"), "the arch must be \"x86\" or \"arm64\", not \"" + profile.getArch() + "\"");
        }
    }

    private void checkCpu(Profile profile) throws InvalidProfileException {
        double count = profile.getCpu().getCount().getValue();
        check(isInteger(count) && count >= 1 && count <= Integer.MAX_VALUE, "cpu.count",
                "cpu.count must be a whole number of at least 1, not " + count);
        check(profile.getCpu().getFrequencyGhz().getValue() > 0, "cpu.frequency_ghz",
                "cpu.frequency_ghz must be positive");
    }

    /** Feature names are arch option names, each listed once and with a source. */
    private void checkCpuFeatures(Profile profile) throws InvalidProfileException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < profile.getCpuFeaturesCount(); i++) {
            CpuFeature feature = profile.getCpuFeatures(i);
            String path = "cpu_features[" + i + "]";
            check(FEATURE_NAME.matcher(feature.getName()).matches(), path,
                    path + ".name \"" + feature.getName() + "\" is not an option name (lowercase letters, digits and '-')");
            check(seen.add(feature.getName()), path, "the CPU feature " + feature.getName() + " is listed twice");
            check(!feature.getSource().isBlank(), path, "the CPU feature " + feature.getName() + " has no source");
        }
    }

    private void checkMemory(Memory memory) throws InvalidProfileException {
        long lineBytes = (long) memory.getLevel(0).getLineBytes().getValue();
        double previousLatency = 0;
        for (int i = 0; i < memory.getLevelCount(); i++) {
            CacheLevel level = memory.getLevel(i);
            String path = "memory.level[" + i + "]";
            check(!level.getName().isBlank(), path, path + " has no name");
            double size = level.getSizeBytes().getValue();
            double ways = level.getAssociativity().getValue();
            double line = level.getLineBytes().getValue();
            check(isInteger(line) && line >= 8 && Long.bitCount((long) line) == 1, path + ".line_bytes",
                    path + ".line_bytes must be a power of two of at least 8, not " + line);
            check((long) line == lineBytes, path + ".line_bytes",
                    "every cache level must have the line size of memory.level[0] (" + lineBytes + " bytes), as the cache model tracks one line size");
            check(isInteger(ways) && ways >= 1, path + ".associativity",
                    path + ".associativity must be a whole number of at least 1, not " + ways);
            check(isInteger(size) && size > 0 && (long) size % ((long) ways * (long) line) == 0, path + ".size_bytes",
                    path + ".size_bytes must be a whole multiple of associativity times line size, not " + size);
            double latency = level.getLatencyNs().getValue();
            check(latency > 0 && latency >= previousLatency, path + ".latency_ns",
                    path + ".latency_ns must be positive and not below the level before it");
            previousLatency = latency;
        }
        check(memory.getDramLatencyNs().getValue() > previousLatency, "memory.dram_latency_ns",
                "memory.dram_latency_ns must exceed the latency of the last cache level");
        double outstanding = memory.getOutstandingMisses().getValue();
        check(isInteger(outstanding) && outstanding >= 1 && outstanding <= MAX_OUTSTANDING_MISSES,
                "memory.outstanding_misses", "memory.outstanding_misses must be a whole number from 1 to "
                        + MAX_OUTSTANDING_MISSES + ", not " + outstanding);
        var prefetcher = memory.getPrefetcher();
        check(!prefetcher.getEnabledSource().isBlank(), "memory.prefetcher.enabled_source",
                "memory.prefetcher.enabled has no source (memory.prefetcher.enabled_source)");
        double degree = prefetcher.getDegree().getValue();
        check(isInteger(degree) && degree <= MAX_PREFETCH_DEGREE, "memory.prefetcher.degree",
                "memory.prefetcher.degree must be a whole number from 0 to " + MAX_PREFETCH_DEGREE + ", not " + degree);
        double fill = prefetcher.getFillLevel().getValue();
        check(isInteger(fill) && fill >= 1 && fill <= memory.getLevelCount(), "memory.prefetcher.fill_level",
                "memory.prefetcher.fill_level must name a cache level from 1 to " + memory.getLevelCount() + ", not " + fill);
        if (prefetcher.getPairLines()) {
            check(!prefetcher.getPairLinesSource().isBlank(), "memory.prefetcher.pair_lines",
                    "memory.prefetcher.pair_lines has no source (memory.prefetcher.pair_lines_source)");
            // The pair completes a 128-byte aligned chunk: two 64-byte lines.
            check(lineBytes == 64, "memory.prefetcher.pair_lines",
                    "memory.prefetcher.pair_lines completes 128-byte pairs of 64-byte lines, but the lines are "
                            + lineBytes + " bytes");
        }
    }

    private static boolean isInteger(double value) {
        return value == Math.rint(value) && value <= MAX_INTEGER;
    }

    private static TextFormatParseInfoTree nested(TextFormatParseInfoTree tree, FieldDescriptor field, int index) {
        if (tree == null) {
            return null;
        }
        List<TextFormatParseInfoTree> trees = tree.getNestedTrees(field);
        return index < trees.size() ? trees.get(index) : null;
    }

    /** The parse-info tree counts lines from 0. */
    private static int oneBased(TextFormatParseLocation location) {
        return location.getLine() + 1;
    }

    private void record(String path, int line) {
        lines.put(path, line);
    }

    private int lineOf(String path) {
        return lines.getOrDefault(path, 0);
    }

    private void check(boolean ok, String path, String problem) throws InvalidProfileException {
        if (!ok) {
            fail(lineOf(path), problem);
        }
    }

    private void fail(int line, String problem) throws InvalidProfileException {
        throw new InvalidProfileException(MachineProfiles.sentence(origin, line, problem), line);
    }
}
