package org.ptreplay.arch.arm64;

import java.util.HashMap;
import java.util.Map;
import org.ptreplay.spi.ops.ArchMmu;
import org.ptreplay.spi.ops.MmView;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.spi.ops.Pte;

/**
 * One arm64 MMU over a {@link FakeMmuEnv}, with a single last-level table at {@link #TABLE}: the
 * entry for {@code va} is at {@code TABLE + 8 * pte_index(va)}.
 */
final class Arm64Fixture {
    static final long TABLE = 0x8000_0000L;
    /** 1 GiB: PMD-aligned, so {@code BASE + 1 MiB} is in the same PTE table on 4K. */
    static final long BASE = 0x4000_0000L;
    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long PROT = Pte.PRESENT | Pte.WRITE;
    /** A user page after the workload touched it with a store (memset). */
    static final long TOUCHED = PROT | Pte.YOUNG | Pte.DIRTY;
    static final MmView MM = new MmView() {
        @Override
        public int otherCpus() {
            return 0;
        }

        @Override
        public int lazyCpus() {
            return 0;
        }

        @Override
        public boolean multiThreaded() {
            return false;
        }
    };

    final FakeMmuEnv env = new FakeMmuEnv();
    final ArchMmu mmu;
    final PageTableGeometry geometry;

    Arm64Fixture(String... options) {
        Map<String, String> map = new HashMap<>();
        for (String option : options) {
            String[] kv = option.split("=", 2);
            map.put(kv[0], kv[1]);
        }
        Arm64Architecture arch = new Arm64Architecture();
        mmu = arch.create(map, env);
        geometry = arch.geometry(map);
    }

    long page() {
        return geometry.pageSize();
    }

    long ptep(long va) {
        return TABLE + 8 * ((va >>> geometry.pageShift()) & (geometry.ptrsPerTable() - 1));
    }

    long peek(long va) {
        return env.peek(ptep(va));
    }

    /** Maps {@code nr} pages at {@code va} to consecutive pfns with one {@code set_ptes}. */
    void map(long va, long pfn, long flags, int nr) {
        mmu.setPtes(MM, va, ptep(va), Pte.make(pfn, flags), nr);
    }

    long count(Primitive p) {
        return env.ledger().count(p);
    }

    CountingLedger ledger() {
        return env.ledger();
    }

    /** Number of CONT entries among the {@code nr} pages from {@code va}. */
    int contEntries(long va, int nr) {
        int n = 0;
        for (int i = 0; i < nr; i++) {
            if (Pte.cont(peek(va + i * page()))) {
                n++;
            }
        }
        return n;
    }
}
