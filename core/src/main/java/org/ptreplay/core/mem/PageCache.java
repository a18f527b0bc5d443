package org.ptreplay.core.mem;

import java.util.HashMap;
import java.util.Map;

/**
 * The page cache of file-backed mappings, as far as page tables need it: one order-0 folio per
 * (file, page offset), created on first fault and kept (no reclaim, readahead or large folios
 * are modelled). The cache holds one reference on every folio. File ids are the trace's fd
 * numbers, so two files that reuse an fd number share pages: traces carry no inode identity.
 */
public final class PageCache {
    private final PhysMem phys;
    private final Map<Long, Long> pages = new HashMap<>();

    public PageCache(PhysMem phys) {
        this.phys = phys;
    }

    /** The folio for (file, pgoff); {@code created[0]} tells whether it was allocated now. */
    public long lookupOrCreate(long file, long pgoff, boolean[] created) {
        long key = (file << 40) ^ pgoff;
        Long pfn = pages.get(key);
        if (pfn != null) {
            created[0] = false;
            return pfn;
        }
        long p = phys.alloc(0, PhysMem.KIND_FILE);
        pages.put(key, p);
        created[0] = true;
        return p;
    }
}
