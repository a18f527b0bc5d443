package org.ptreplay.tools.workload;

import java.util.List;
import org.ptreplay.trace.Flags;

/**
 * Dev Jain's mprotect benchmark from "[PATCH v3 0/5] Optimize mprotect() for large folios" (the
 * test program; the v5 cover, Message-ID 20250718090244.21092-1-dev.jain@arm.com, gives the
 * figures for 40 loops): mmap {@code size} (1 GiB) of anonymous private memory at the hint 1 GiB,
 * memset it, {@code madvise(MADV_NOHUGEPAGE)}, {@code explicit_bzero} it, PTE-map every 2 MiB
 * ({@code pte_map_thps}), then {@code loops} times mprotect the whole range read-only, back to
 * read-write, and {@code explicit_bzero} it again (the same program in v3, v4 and v5). The process
 * then exits: he timed the program, which takes no time of its own.
 *
 * <p>{@code folio} picks his test case: {@code pmd-split} (T1: PMD THPs from the memset, then
 * PTE-mapped), {@code 64K} (T2: 64 KiB mTHPs), {@code 4K} (T3: small pages); the recommended THP
 * setting is the one that gives those folios. {@code pte_map_thps} splits the VMA around the
 * first page of every 2 MiB with {@code madvise(MADV_DONTFORK)} and merges it back with
 * {@code MADV_DOFORK}: for T1 the kernel's {@code __split_vma} splits the PMD-mapped THP across
 * the new boundary ({@code vma_adjust_trans_huge}), leaving 512 PTEs of the same folio; for 64K
 * and 4K the pair changes VMAs and no PTE.
 */
public final class JainMprotect extends Generator {
    static final String PMD_SPLIT = "pmd-split";
    private static final List<Param> PARAMS = List.of(
            Param.choice("folio", PMD_SPLIT, List.of(PMD_SPLIT, "64K", "4K"),
                    "his test case, with the THP setting it needs: pmd-split (T1, PTE-mapped PMD THPs; enabled=always),"
                            + " 64K (T2, mTHPs; enabled=never,64K=always) or 4K (T3, small pages; enabled=never)"),
            Param.count("loops", "40", 1, 1_000_000, "loop iterations (mprotect read-only, mprotect read-write, write every page)"),
            size("1G"));

    @Override
    public String name() {
        return "jain-mprotect";
    }

    @Override
    public String description() {
        return "Dev Jain's mprotect loop: populate size at 1 GiB, PTE-map every 2 MiB; per loop mprotect RO, RW, write all; exit";
    }

    @Override
    List<Param> params() {
        return PARAMS;
    }

    /** The THP setting that gives the folios of his test case (Documentation/admin-guide/mm/transhuge.rst). */
    @Override
    String thp(ParamValues values) {
        return switch (values.choice("folio")) {
            case PMD_SPLIT -> "enabled=always";
            case "64K" -> "enabled=never,64K=always";
            default -> "enabled=never";
        };
    }

    @Override
    void emit(ParamValues values, EventOut out) {
        long size = values.get("size");
        out.mmap(HINT, size, EventOut.RW, EventOut.PRIVATE_ANON, HINT);
        out.write(HINT, size);
        out.madvise(HINT, size, Flags.MADV_NOHUGEPAGE);
        out.write(HINT, size);
        for (long a = HINT; a < HINT + size; a += PMD) {
            out.madvise(a, PAGE, Flags.MADV_DONTFORK);
            out.madvise(a, PAGE, Flags.MADV_DOFORK);
        }
        long loops = values.get("loops");
        for (long i = 0; i < loops; i++) {
            out.mprotect(HINT, size, Flags.PROT_READ);
            out.mprotect(HINT, size, EventOut.RW);
            out.write(HINT, size);
        }
        out.exit(0);
    }
}
