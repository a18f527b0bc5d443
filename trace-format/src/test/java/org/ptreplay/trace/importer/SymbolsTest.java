package org.ptreplay.trace.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

class SymbolsTest {
    @Test
    void numbersInEveryBase() {
        assertEquals(16, Symbols.value("0x10"));
        assertEquals(8, Symbols.value("010"));
        assertEquals(0, Symbols.value("0"));
        assertEquals(-1, Symbols.value("-1"));
        assertEquals(0, Symbols.value("NULL"));
        assertEquals(-1, Symbols.value("0xffffffffffffffff"), "64 unsigned bits wrap into a long");
    }

    @Test
    void flagExpressions() {
        assertEquals(Flags.MAP_PRIVATE | 0x40000000, Symbols.value("MAP_PRIVATE|0x40000000"));
        assertEquals(Flags.MAP_HUGETLB | (30L << 26), Symbols.value("MAP_HUGETLB|MAP_HUGE_1GB"));
        assertEquals(Flags.CLONE_VM | 17, Symbols.value("CLONE_VM|SIGCHLD"));
        assertEquals(0x100000000L, Symbols.value("CLONE_CLEAR_SIGHAND"));
        assertEquals(3, Symbols.value("3</usr/lib/libc.so.6>"));
    }

    @Test
    void badValuesSayWhy() {
        assertEquals("'PROT_FOO' is not a number or a known flag",
                assertThrows(IllegalArgumentException.class, () -> Symbols.value("PROT_READ|PROT_FOO")).getMessage());
        assertEquals("'0x' is not a number",
                assertThrows(IllegalArgumentException.class, () -> Symbols.value("0x")).getMessage());
        assertEquals("'MAP_HUGE_3MB' is not a power-of-two page size",
                assertThrows(IllegalArgumentException.class, () -> Symbols.value("MAP_HUGE_3MB")).getMessage());
        assertEquals("an empty flag in an OR",
                assertThrows(IllegalArgumentException.class, () -> Symbols.value("PROT_READ|")).getMessage());
    }

    @Test
    void callTextSplitsTopLevelArgumentsOnly() {
        CallText c = CallText.parse("f(\"a,\\\"b)\", [1, 2], {x=1, y=2}, g(3, 4)) = -1 ENOMEM (Cannot allocate memory)");
        assertEquals(List.of("\"a,\\\"b)\"", "[1, 2]", "{x=1, y=2}", "g(3, 4)"), c.args());
        assertEquals(-Flags.ENOMEM, c.resultValue());
        assertEquals(TraceEvent.UNKNOWN_RESULT, CallText.parse("exit(0) = ?").resultValue());
        assertEquals(List.of(), CallText.parse("fork() = 12").args());
    }
}
