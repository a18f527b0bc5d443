package org.ptreplay.tools.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void numbersAreRightAlignedWithTheirHeader() {
        String t = new Table("name", "time (us)", "note").row("a", "1.5", "x").row("bb", "+12.25", "yy").render();
        assertEquals("name  time (us)  note\n"
                + "a           1.5  x\n"
                + "bb       +12.25  yy\n", t);
    }

    @Test
    void aWideTableIsSplitRepeatingItsLeadingColumnsAndKeepingBandsTogether() {
        Table t = new Table("", "[0]", "[1]", "d[1]", "[2]", "d[2]").repeat(2).bands(2, 4)
                .row("sim", "100", "110", "+10", "90", "-10");
        assertEquals("     [0]  [1]  d[1]  [2]  d[2]\nsim  100  110   +10   90   -10\n", t.render(40));
        assertEquals("     [0]  [1]  d[1]\nsim  100  110   +10\n\n     [0]  [2]  d[2]\nsim  100   90   -10\n", t.render(25));
    }

    @Test
    void pathsLoseMiddleFramesFirst() {
        assertEquals("mremap;...;move_ptes;vm_normal_folio", Width.elide("mremap;move_page_tables;move_pgt_entry;move_ptes;vm_normal_folio", 36));
        assertEquals("short", Width.elide("short", 36));
        assertEquals(100, Width.of(java.util.Map.of()));
        assertEquals(132, Width.of(java.util.Map.of("COLUMNS", "132")));
        assertEquals(100, Width.of(java.util.Map.of("COLUMNS", "12")));
    }
}
