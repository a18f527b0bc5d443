package org.ptreplay.tools.workload;

import java.util.List;
import org.ptreplay.trace.Flags;

/**
 * The large-mremap benchmarks behind the page-table move work: Joel Fernandes' 1 GiB move
 * ("mm: speed up mremap by 20x on large regions", 2c91bd4a4e2e) and Kalesh Singh's PMD and PUD
 * moves (45544eee9606, be37c98d1134). It populates {@code size} bytes of 4 KiB pages, then moves
 * them {@code moves} times with {@code mremap(MREMAP_MAYMOVE | MREMAP_FIXED)} between two
 * places A and B, back and forth. {@code align} decides what a table-level move can use
 * (docs/kernel-model.md §2.2, {@code get_extent}: an extent is a whole PMD or PUD only when both
 * addresses are aligned to it):
 * <ul>
 *   <li>{@code pud}: A and B are 1 GiB aligned, so every whole GiB can move as one PUD entry;</li>
 *   <li>{@code pmd}: both are 2 MiB above a 1 GiB boundary: whole PMDs, never a whole PUD;</li>
 *   <li>{@code unaligned}: A as for {@code pmd}, B 4 KiB higher. The offsets within a PMD
 *       differ, so no extent is a whole PMD and every PTE moves on its own; the kernel's
 *       realignment of equal offsets (af8ca1c14906) cannot apply either.</li>
 * </ul>
 * B lies a 1 GiB gap above the end of A, so the two never overlap. The memory is advised
 * MADV_NOHUGEPAGE, which keeps it in 4 KiB pages whatever the replay's {@code --thp} says.
 * {@code shared=yes} maps it {@code MAP_SHARED | MAP_ANONYMOUS}, i.e. shmem, as the kernel's
 * {@code tools/testing/selftests/vm/mremap_test.c} (Kalesh Singh, 2020) does: the same entries
 * move, but the VMA is a file VMA (docs/kernel-model.md §2.10).
 */
public final class MremapLarge extends Generator {
    private static final List<String> ALIGNS = List.of("pud", "pmd", "unaligned");
    private static final List<Param> PARAMS = List.of(
            size("1G"),
            Param.count("moves", "2", 1, 1_000_000, "mremap calls, alternately A to B and B to A"),
            Param.choice("align", "pmd", ALIGNS,
                    "pud: both 1 GiB aligned; pmd: both 2 MiB aligned, not 1 GiB; unaligned: 4 KiB apart in their PMDs"),
            Param.choice("shared", "no", List.of("no", "yes"),
                    "yes: MAP_SHARED | MAP_ANONYMOUS (shmem), as Kalesh Singh's mremap_test.c maps it; no: private"));

    @Override
    public String name() {
        return "mremap-large";
    }

    @Override
    public String description() {
        return "populate size bytes of 4K pages, then mremap them back and forth (PUD-, PMD- or un-aligned)";
    }

    @Override
    List<Param> params() {
        return PARAMS;
    }

    /** Its memory is 4K pages by design (the move of PTE tables is the point): THP off. */
    @Override
    String thp(ParamValues values) {
        return "enabled=never";
    }

    @Override
    void emit(ParamValues values, EventOut out) {
        long size = values.get("size");
        long moves = values.get("moves");
        String align = values.choice("align");
        long a = align.equals("pud") ? HINT : HINT + PMD;
        long b = a + ((size + PUD - 1) & -PUD) + PUD + (align.equals("unaligned") ? PAGE : 0);
        int type = values.choice("shared").equals("yes") ? Flags.MAP_SHARED : Flags.MAP_PRIVATE;
        out.mmap(a, size, EventOut.RW, type | Flags.MAP_ANONYMOUS, a);
        out.madvise(a, size, Flags.MADV_NOHUGEPAGE);
        out.write(a, size);
        for (long i = 0; i < moves; i++) {
            long from = i % 2 == 0 ? a : b;
            long to = i % 2 == 0 ? b : a;
            out.mremap(from, size, size, Flags.MREMAP_MAYMOVE | Flags.MREMAP_FIXED, to, to);
        }
    }
}
