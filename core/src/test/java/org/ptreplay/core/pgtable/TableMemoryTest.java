package org.ptreplay.core.pgtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ptreplay.core.cost.CostModel;
import org.ptreplay.core.ledger.PathLedger;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.value.Placement;

/** Table storage behind the last-two-tables cache: entries land in their own table, freed tables are gone. */
class TableMemoryTest {
    private static TableMemory tables() {
        return new TableMemory(new PhysMem(12, 9, Placement.SEQUENTIAL, 1), new PathLedger(CostModel.FREE));
    }

    @Test
    void threeTablesWalkedInTurnKeepTheirOwnEntries() {
        TableMemory m = tables();
        long[] pfn = {m.allocTable(), m.allocTable(), m.allocTable()};
        // Round-robin over three tables defeats a two-entry cache on every access.
        for (int i = 0; i < 512; i++) {
            for (int t = 0; t < 3; t++) {
                m.poke(m.ptep(pfn[t], i), 1000L * t + i);
            }
        }
        for (int i = 511; i >= 0; i--) {
            for (int t = 2; t >= 0; t--) {
                assertEquals(1000L * t + i, m.peek(m.ptep(pfn[t], i)), "table " + t + " entry " + i);
            }
        }
    }

    /** The buddy allocator hands the freed pfn out again: the new table must be zeroed, not the cached old one. */
    @Test
    void aTableFreedWhileCachedComesBackEmpty() {
        TableMemory m = tables();
        long a = m.allocTable();
        long b = m.allocTable();
        m.poke(m.ptep(a, 7), 0x1234);
        m.poke(m.ptep(b, 7), 0x5678);
        m.poke(m.ptep(a, 7), 0);
        m.freeTable(a);
        assertThrows(IllegalStateException.class, () -> m.peek(m.ptep(a, 7)));
        long again = m.allocTable();
        assertEquals(a, again, "the allocator reuses the freed page");
        assertEquals(0, m.peek(m.ptep(again, 7)));
        assertEquals(0x5678, m.peek(m.ptep(b, 7)));
    }
}
