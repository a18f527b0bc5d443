package org.ptreplay.tools.workload;

import java.util.List;
import org.ptreplay.trace.Flags;

/**
 * Dev Jain's mremap benchmark from "[PATCH v4 0/2] Optimize mremap() for large folios"
 * (Message-ID 20250610035043.75448-1-dev.jain@arm.com): {@code iterations} times, mmap
 * {@code size} (1 MiB) of anonymous private memory at the hint 1 GiB, write every page, move it
 * with {@code mremap(MREMAP_MAYMOVE | MREMAP_FIXED)} to the address {@code size} above, and unmap
 * it. His figures are for 64 KiB folios, hence the recommended {@code 64K=always}; the replay's
 * {@code --thp} decides, and 4 KiB folios are his "no regression" case.
 */
public final class JainMremap extends Generator {
    private static final List<Param> PARAMS = List.of(
            Param.count("iterations", "10000", 1, 100_000_000, "loop iterations (mmap, write, mremap, munmap)"),
            size("1M"));

    @Override
    public String name() {
        return "jain-mremap";
    }

    @Override
    public String description() {
        return "Dev Jain's loop: mmap at 1 GiB, write every page, mremap to +size (MAYMOVE|FIXED), munmap";
    }

    @Override
    List<Param> params() {
        return PARAMS;
    }

    @Override
    String thp(ParamValues values) {
        return "64K=always";
    }

    @Override
    void emit(ParamValues values, EventOut out) {
        long size = values.get("size");
        long iterations = values.get("iterations");
        for (long i = 0; i < iterations; i++) {
            out.mmap(HINT, size, EventOut.RW, EventOut.PRIVATE_ANON, HINT);
            out.write(HINT, size);
            out.mremap(HINT, size, size, Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED, HINT + size, HINT + size);
            out.munmap(HINT + size, size);
        }
    }
}
