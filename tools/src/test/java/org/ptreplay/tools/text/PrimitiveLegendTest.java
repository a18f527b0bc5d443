package org.ptreplay.tools.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ops.Primitive;

class PrimitiveLegendTest {

    @Test
    void everyPrimitiveHasOneLineInItsOrder() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Primitive.count(); i++) {
            names.add(Primitive.byOrdinal(i).key());
        }
        assertEquals(names, new ArrayList<>(PrimitiveLegend.all().keySet()));
        for (String line : PrimitiveLegend.text("  ").split("\n")) {
            assertTrue(line.length() <= Width.DEFAULT, line);
        }
    }
}
