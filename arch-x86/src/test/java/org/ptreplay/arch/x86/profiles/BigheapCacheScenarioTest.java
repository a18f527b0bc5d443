package org.ptreplay.arch.x86.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ptreplay.core.cost.CostOptions;
import org.ptreplay.core.cost.ProfileCostModel;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.profile.InvalidProfileException;
import org.ptreplay.core.profile.MachineProfiles;

/**
 * The cache effect behind the bigheap regression (docs/kernel-model.md §8b), on raptor-lake: a PTE
 * move reads no struct page, so once the workload has streamed more user data than the LLC holds,
 * the vm_normal_folio() read that the folio-batch variant adds per PTE finds every struct page
 * line cold; right after the faults that touched them, the same reads are cache hits.
 */
class BigheapCacheScenarioTest {
    private static final long VMEMMAP = 1L << 50;
    private static final int PTES = 512;
    private static final long SRC_TABLE = 0x1000_0000L;
    private static final long DST_TABLE = 0x1000_1000L;
    private static final int MEMORY = 3; // raptor-lake has L1d, L2, L3

    /** Scattered order-0 pfns: consecutive ones are 1,000,003 pfns (about 4 GB) apart. */
    private static long pfn(int i) {
        return 0x10_0000L + 1_000_003L * i;
    }

    private static ProfileCostModel faultedIn() throws InvalidProfileException {
        var model = ProfileCostModel.create(MachineProfiles.load(new RaptorLakeProfile()), CostOptions.defaults());
        for (int i = 0; i < PTES; i++) {
            // do_anonymous_page: refcount and mapcount on the struct page, the PTE, then the user's 4 KiB.
            model.accessPs(Primitive.REF, VMEMMAP + 64 * pfn(i));
            model.accessPs(Primitive.MAP, VMEMMAP + 64 * pfn(i));
            model.accessPs(Primitive.PTE_W, SRC_TABLE + 8L * i);
            model.streamPs(pfn(i) << 12, 4096, true);
        }
        return model;
    }

    /** Moves the PTEs, reading every struct page once, and returns how many of those reads went to memory. */
    private static int structPageReadsFromMemory(ProfileCostModel model) {
        int fromMemory = 0;
        for (int i = 0; i < PTES; i++) {
            model.accessPs(Primitive.PTE_XCHG, SRC_TABLE + 8L * i);
            long before = model.servedByLevel()[MEMORY];
            model.accessPs(Primitive.SP_R, VMEMMAP + 64 * pfn(i));
            fromMemory += (int) (model.servedByLevel()[MEMORY] - before);
            model.accessPs(Primitive.PTE_W, DST_TABLE + 8L * i);
        }
        return fromMemory;
    }

    @Test
    void structPagesAreWarmRightAfterTheFaults() throws InvalidProfileException {
        // 512 struct page lines + 2 MiB of user data fit the 36 MiB L3.
        assertEquals(0, structPageReadsFromMemory(faultedIn()));
    }

    @Test
    void structPagesAreColdAfterTheHeapWasStreamed() throws InvalidProfileException {
        ProfileCostModel model = faultedIn();
        // bigheap keeps touching its growing heap: 64 MiB, more than the 36 MiB L3.
        model.streamPs(0x8000_0000L, 64L << 20, true);
        assertEquals(PTES, structPageReadsFromMemory(model));
    }
}
