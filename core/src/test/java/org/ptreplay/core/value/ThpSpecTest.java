package org.ptreplay.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ThpSpecTest {
    @Test
    void parsesSysfsNames() {
        ThpSpec s = ThpSpec.parse("enabled=always, 64K=always, hugepages-2048kB/enabled=inherit, 16kB=madvise");
        assertEquals("always", s.enabled());
        assertEquals("always", s.sizeSetting(64, 2048));
        assertEquals("inherit", s.sizeSetting(2048, 2048));
        assertEquals("madvise", s.sizeSetting(16, 2048));
        assertEquals("never", s.sizeSetting(32, 2048));
        assertEquals(s, ThpSpec.parse(s.toString()));
    }

    @Test
    void defaultIsTheKernelDefault() {
        assertEquals("madvise", ThpSpec.parse("").enabled());
        assertEquals("inherit", ThpSpec.DEFAULT.sizeSetting(2048, 2048));
        assertEquals("never", ThpSpec.DEFAULT.sizeSetting(64, 2048));
    }

    @Test
    void errorsAreOneSentence() {
        assertEquals("THP size 64K must be always, inherit, madvise or never, not 'sometimes'.",
                assertThrows(IllegalArgumentException.class, () -> ThpSpec.parse("64K=sometimes")).getMessage());
        assertEquals("THP size '48K' is not a power of two.",
                assertThrows(IllegalArgumentException.class, () -> ThpSpec.parse("48K=always")).getMessage());
        assertEquals("THP enabled must be always, madvise or never, not 'inherit'.",
                assertThrows(IllegalArgumentException.class, () -> ThpSpec.parse("enabled=inherit")).getMessage());
    }
}
