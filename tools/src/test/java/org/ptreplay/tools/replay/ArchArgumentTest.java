package org.ptreplay.tools.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchArgumentTest {
    @Test
    void nameAndOptionsWithBareKeysMeaningOn() {
        ArchArgument a = ArchArgument.parse(" ARM64:granule=64k:kpti ");
        assertEquals("arm64", a.name());
        assertEquals(Map.of("granule", "64k", "kpti", "on"), a.options());
        assertEquals(Map.of(), ArchArgument.parse("x86").options());
    }

    @Test
    void badArgumentsAreOneSentence() {
        assertEquals("arch argument ':granule=64k' has no arch name; e.g. x86 or arm64:granule=64k",
                assertThrows(IllegalArgumentException.class, () -> ArchArgument.parse(":granule=64k")).getMessage());
        assertEquals("arch argument 'arm64:granule=' has a bad option 'granule='; write KEY=VALUE with letters, digits, '.', '_' or '-'",
                assertThrows(IllegalArgumentException.class, () -> ArchArgument.parse("arm64:granule=")).getMessage());
        assertEquals("arch argument 'arm64:kpti:kpti=off' sets option kpti twice",
                assertThrows(IllegalArgumentException.class, () -> ArchArgument.parse("arm64:kpti:kpti=off")).getMessage());
    }
}
