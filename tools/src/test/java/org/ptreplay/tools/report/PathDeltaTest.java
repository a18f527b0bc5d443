package org.ptreplay.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ptreplay.tools.report.FrameTreeTest.usage;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PathDeltaTest {

    private static final CellData BASE = cell(Map.of(
            "m;p", usage(100, "PTE_R", 10),
            "m;q", usage(50, "PTE_W", 5),
            "same", usage(7, "REF", 1),
            "gone", usage(20, "MAP", 2)));
    private static final CellData OTHER = cell(Map.of(
            "m;p", usage(90, "PTE_R", 9),
            "m;q", usage(80, "PTE_W", 5, "SP_R", 3),
            "same", usage(7, "REF", 1),
            "new", usage(20, "SP_R", 4)));

    @Test
    void changedPathsComeLargestChangeFirstEitherWayThenByName() {
        // m;q +30; gone -20 and new +20 tie, so by name; m;p -10; same unchanged, so left out.
        List<PathDelta> top = PathDelta.top(BASE, OTHER, 10);
        assertEquals(List.of("m;q", "gone", "new", "m;p"), top.stream().map(PathDelta::path).toList());
        assertEquals(List.of(30_000L, -20_000L, 20_000L, -10_000L), top.stream().map(PathDelta::deltaPs).toList());
        assertEquals(List.of("m;q", "gone"), PathDelta.top(BASE, OTHER, 2).stream().map(PathDelta::path).toList());
    }

    @Test
    void countDeltasKeepOnlyWhatChangedLargestFirst() {
        PathDelta q = PathDelta.top(BASE, OTHER, 1).get(0);
        assertEquals(Map.of("SP_R", 3L), q.countDeltas(), "PTE_W stayed at 5");
        PathDelta gone = PathDelta.top(BASE, OTHER, 2).get(1);
        assertEquals(List.of(new PathDelta.PrimitiveDelta("MAP", -2, null)), gone.primitives(BASE, OTHER));
    }

    @Test
    void primitivesAreRankedByTheTimeTheyAccountForAtTheMeanPrice() {
        // Path m;p gains 100 PTE_R, 3 SP_R and 7 PTL. Prices: PTE_R from the cell's syscall kind m, 1,000 for
        // 2,000,000 ps (2,000 ps each; its totals' 5,000 ps is not used); SP_R only in the cell's totals,
        // 10 for 800,000 ps (80,000 each); PTL only in the baseline's kind m, 1 for 50,000 ps.
        // Estimates: PTL 7 × 50,000 = 350,000 ps, SP_R 3 × 80,000 = 240,000, PTE_R 100 × 2,000 = 200,000.
        CellData base = cell(Map.of("m;p", usage(0)), Map.of("m", priced("PTL", 1, 50_000)), priced("PTE_R", 1, 9_000));
        CellData other = cell(Map.of("m;p", usage(1, "PTE_R", 100, "SP_R", 3, "PTL", 7)),
                Map.of("m", priced("PTE_R", 1_000, 2_000_000)), priced("PTE_R", 1_000, 5_000_000, "SP_R", 10, 800_000));
        assertEquals(List.of(new PathDelta.PrimitiveDelta("PTL", 7, 350_000L), new PathDelta.PrimitiveDelta("SP_R", 3, 240_000L),
                        new PathDelta.PrimitiveDelta("PTE_R", 100, 200_000L)),
                PathDelta.top(base, other, 1).get(0).primitives(base, other));
    }

    @Test
    void faultAndUserPathsArePricedAsTouches() {
        // The replay charges touch events under the frames fault and user; their kind is touch: 4 × 100 ps.
        CellData base = cell(Map.of("fault;do_anonymous_page", usage(0)));
        CellData other = cell(Map.of("fault;do_anonymous_page", usage(1, "PAGE_ZERO", 4)),
                Map.of("touch", priced("PAGE_ZERO", 10, 1_000)), priced("PAGE_ZERO", 10, 9_000));
        assertEquals(List.of(new PathDelta.PrimitiveDelta("PAGE_ZERO", 4, 400L)), PathDelta.top(base, other, 1).get(0).primitives(base, other));
    }

    @Test
    void unpricedPrimitivesComeLastByCount() {
        CellData base = cell(Map.of("p", usage(0)));
        CellData other = cell(Map.of("p", usage(1, "PTL", 7, "REF", 9)), Map.of(), priced("PTL", 1, 1));
        assertEquals(List.of(new PathDelta.PrimitiveDelta("PTL", 7, 7L), new PathDelta.PrimitiveDelta("REF", 9, null)),
                PathDelta.top(base, other, 1).get(0).primitives(base, other));
    }

    @Test
    void ratiosNameNewAndVanishedPaths() {
        assertEquals("new", Tables.ratio(0, 20));
        assertEquals("gone", Tables.ratio(20, 0));
        assertEquals("×1.6", Tables.ratio(50, 80));
    }

    /** Usage with counts and time per primitive: name, count, ps triples. */
    private static Usage priced(Object... triples) {
        TreeMap<String, Long> counts = new TreeMap<>();
        TreeMap<String, Long> ps = new TreeMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            counts.put((String) triples[i], ((Number) triples[i + 1]).longValue());
            ps.put((String) triples[i], ((Number) triples[i + 2]).longValue());
        }
        return new Usage(0, 0, counts, ps);
    }

    static CellData cell(Map<String, Usage> byPath) {
        return cell(byPath, Map.of(), Usage.NONE);
    }

    static CellData cell(Map<String, Usage> byPath, Map<String, Usage> bySyscall, Usage totals) {
        return new CellData("", "x86", new TreeMap<>(), List.of(), "s", new TreeMap<>(), new TreeMap<>(), "", "", "", "", totals,
                new TreeMap<>(bySyscall), new TreeMap<>(byPath), new TreeMap<>(), List.of(), 0, new TreeMap<>());
    }
}
