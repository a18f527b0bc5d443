package org.ptreplay.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FrameTreeTest {

    /** Self values: a 10, a;b 30, a;b;c 5, d 55; nothing is charged to a;x but a;x;y 0. */
    private static final FrameTree TREE = FrameTree.of(Map.of(
            "a", usage(10, "PTE_R", 1),
            "a;b", usage(30, "SP_R", 3),
            "a;b;c", usage(5),
            "d", usage(55, "PTE_R", 2)));

    @Test
    void inclusiveIsSelfPlusEverythingBelow() {
        // In ps: 1000 per ns.
        assertEquals(100_000, TREE.inclusive());          // 10 + 30 + 5 + 55
        assertEquals(0, TREE.self());
        assertEquals(45_000, TREE.find("a").inclusive());  // 10 + 30 + 5
        assertEquals(10_000, TREE.find("a").self());
        assertEquals(35_000, TREE.find("a;b").inclusive()); // 30 + 5
        assertEquals(5_000, TREE.find("a;b;c").inclusive());
        assertEquals(55_000, TREE.find("d").inclusive());
        assertEquals(4, TREE.depth(), "all, a, b, c");
    }

    @Test
    void framesKnowTheirStackAndSelfCounts() {
        assertEquals("a;b;c", TREE.find("a;b;c").stack());
        assertEquals("", TREE.stack());
        assertEquals(Map.of("SP_R", 3L), TREE.find("a;b").selfCounts());
        assertEquals(List.of("a", "d"), List.copyOf(TREE.children().keySet()));
        assertNull(TREE.find("a;c"));
        assertEquals(TREE, TREE.find(""));
    }

    @Test
    void theSameFrameNameUnderDifferentParentsStaysSeparate() {
        FrameTree tree = FrameTree.of(Map.of("fork;zap_pte_range", usage(4), "exit;zap_pte_range", usage(6)));
        assertEquals(4_000, tree.find("fork;zap_pte_range").inclusive());
        assertEquals(6_000, tree.find("exit;zap_pte_range").inclusive());
    }

    /** A path's usage with its time given in ns (stored in ps, as the report keeps it). */
    static Usage usage(long simNs, Object... counts) {
        TreeMap<String, Long> c = new TreeMap<>();
        for (int i = 0; i < counts.length; i += 2) {
            c.put((String) counts[i], ((Number) counts[i + 1]).longValue());
        }
        return new Usage(0, simNs * 1000, c, new TreeMap<>());
    }
}
