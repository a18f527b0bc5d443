package org.ptreplay.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ptreplay.trace.TraceHeader;

/**
 * {@code convert --machine arch=… pagesize=… kernel=… cpus=…}: the recording machine where the
 * input does not say it. Keys given win over what the input says; the rest stays as read.
 */
final class MachineOption {
    /** The base page sizes ptreplay models (x86 4K; arm64 granules 4K, 16K, 64K). */
    static final Set<Integer> PAGE_SIZES = Set.of(4096, 16384, 65536);

    private MachineOption() {
    }

    /** {@code base} with the items of {@code text} applied; a usage error names a bad item. */
    static TraceHeader.Machine apply(TraceHeader.Machine base, String text) {
        String arch = base.arch();
        int pageSize = base.pageSize();
        String kernel = base.kernelRelease();
        int cpus = base.cpuCount();
        for (String item : text.trim().split("[\\s,]+")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw CommandFailure.badUsage("--machine item '" + item + "' is not KEY=VALUE (keys: arch, pagesize, kernel, cpus)");
            }
            String key = item.substring(0, eq);
            String value = item.substring(eq + 1);
            switch (key) {
                case "arch" -> arch = value;
                case "kernel" -> kernel = value;
                case "pagesize" -> pageSize = pageSize(value);
                case "cpus" -> cpus = positive("cpus", value);
                default -> throw CommandFailure.badUsage("--machine has no key '" + key + "' (keys: arch, pagesize, kernel, cpus)");
            }
        }
        return new TraceHeader.Machine(arch, pageSize, kernel, base.thp(), cpus);
    }

    /** What a header leaves unknown about its machine, for the report; empty when it is all known. */
    static List<String> unknown(TraceHeader.Machine m) {
        List<String> u = new ArrayList<>();
        if (m.arch().isEmpty()) u.add("arch");
        if (m.pageSize() == 0) u.add("pagesize");
        if (m.kernelRelease().isEmpty()) u.add("kernel");
        if (m.cpuCount() == 0) u.add("cpus");
        if (m.thp().isEmpty()) u.add("THP settings");
        return u;
    }

    /** A page size every reader accepts: refuse at convert time what replay would refuse later. */
    static void checkPageSize(String file, int pageSize) {
        if (pageSize != 0 && !PAGE_SIZES.contains(pageSize)) {
            throw CommandFailure.badData(file + ": header: page size " + pageSize
                    + " is none of 4096, 16384 and 65536, the sizes ptreplay models; nothing was written.");
        }
    }

    private static int pageSize(String value) {
        String v = value.trim().toUpperCase(java.util.Locale.ROOT);
        int size;
        try {
            size = v.endsWith("K") ? Integer.parseInt(v.substring(0, v.length() - 1)) * 1024 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw CommandFailure.badUsage("--machine pagesize='" + value + "' is not a size (4096, 4K, 16K or 64K)");
        }
        if (!PAGE_SIZES.contains(size)) {
            throw CommandFailure.badUsage("--machine pagesize=" + value + " is none of 4K, 16K and 64K, the sizes ptreplay models");
        }
        return size;
    }

    private static int positive(String key, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the sentence
        }
        throw CommandFailure.badUsage("--machine " + key + "='" + value + "' is not a positive whole number");
    }
}
