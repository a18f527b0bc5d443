package org.ptreplay.core.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    @Test
    void digitRunsCompareAsNumbers() {
        List<String> names = new ArrayList<>(List.of("linux-6.16", "linux-6.9", "linux-5.11", "linux-6.17-rc1",
                "linux-4.19", "linux-6.17", "linux-5.0", "linux-6.8"));
        names.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("linux-4.19", "linux-5.0", "linux-5.11", "linux-6.8", "linux-6.9", "linux-6.16",
                "linux-6.17", "linux-6.17-rc1"), names);
    }

    @Test
    void leadingZerosAndPrefixes() {
        assertEquals(0, Integer.signum(NaturalOrder.INSTANCE.compare("a1", "a1")));
        assertEquals(-1, Integer.signum(NaturalOrder.INSTANCE.compare("a01", "a1")), "equal numbers: text decides");
        assertEquals(-1, Integer.signum(NaturalOrder.INSTANCE.compare("a2", "a10")));
        assertEquals(-1, Integer.signum(NaturalOrder.INSTANCE.compare("pmd", "pmd+pud")), "a prefix comes first");
        assertEquals(1, Integer.signum(NaturalOrder.INSTANCE.compare("b", "a9")));
    }
}
