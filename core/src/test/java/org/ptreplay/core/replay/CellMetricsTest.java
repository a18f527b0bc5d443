package org.ptreplay.core.replay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CellMetricsTest {
    @Test
    void framesMatchWholeNamesOnly() {
        assertTrue(CellMetrics.hasFrame("mremap;move_page_tables;move_ptes", "move_ptes"));
        assertTrue(CellMetrics.hasFrame("mremap;move_page_tables;move_ptes;mremap_folio_pte_batch", "move_ptes"));
        assertTrue(CellMetrics.hasFrame("move_ptes", "move_ptes"));
        assertFalse(CellMetrics.hasFrame("mremap;move_page_tables", "move_ptes"));
        assertFalse(CellMetrics.hasFrame("mremap;xmove_ptes;move_ptes_y", "move_ptes"));
    }
}
