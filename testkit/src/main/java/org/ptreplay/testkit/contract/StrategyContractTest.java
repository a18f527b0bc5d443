package org.ptreplay.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ptreplay.spi.ChangePtesStrategy;
import org.ptreplay.spi.CopyPtesStrategy;
import org.ptreplay.spi.MovePtesStrategy;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.PgtableMoveStrategy;
import org.ptreplay.spi.Strategy;
import org.ptreplay.spi.ZapPtesStrategy;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.ops.Pte;
import org.ptreplay.testkit.FakeChangeContext;
import org.ptreplay.testkit.FakeCopyContext;
import org.ptreplay.testkit.FakeMoveContext;
import org.ptreplay.testkit.FakePteOps;
import org.ptreplay.testkit.FakeZapContext;
import org.ptreplay.trace.Printable;

/**
 * What every strategy must do, whatever its batching: extend it and return the strategy from
 * {@link #strategy()}. Built-in strategies, core's reference loops and third-party plugins all run
 * it (issue 14).
 *
 * <p>The PTE loops run on one hand-derived layout, 32 entries of a 4K table with the arm64 contpte
 * hint (16): entries 0-15 map one 16-page anon folio with CONT set (a whole contpte block), 16-19
 * four order-0 folios, 20-31 are none except 24 (one more order-0 folio). That is 21 present
 * entries over 6 folios. Whatever a strategy batches, the kernel's contract fixes the outcome:
 * <ul>
 *   <li>move_ptes moves all 21 entries to the same indexes of the new table, soft-dirty, leaves
 *       the old table empty, sets and clears 21 entries in all and reports a present entry moved;</li>
 *   <li>copy_pte_range (private, COW) gives the child 21 old, write-protected entries with the
 *       parent's pfns, write-protects the parent's, and takes 21 page references, 21 anon rmap
 *       duplicates and 21 RSS;</li>
 *   <li>zap_pte_range with room in the gather clears all 21, removes 21 rmaps, gathers 21 pages,
 *       gives back 21 RSS and returns the end;</li>
 *   <li>change_pte_range (mprotect) to read-only leaves the 21 entries present with their pfns,
 *       write-protected, clears and sets 21 entries and flushes 21 pages; back to writable (private
 *       anon, every page exclusive) makes all 21 writable again.</li>
 * </ul>
 * Each loop also runs twice on identical contexts with one instance: the same calls and the same
 * tables both times (no state carried between calls, no dependence on anything else), and its
 * frames are balanced ({@code FakeLedger} fails the test otherwise).
 */
public abstract class StrategyContractTest {

    /** For subclasses: one per strategy under test. */
    protected StrategyContractTest() {
    }

    private static final int CONT = 16;
    private static final int EXTENT = 32;
    private static final int PRESENT = 21;
    private static final long FOLIO = 0x1000;
    private static final long SMALL = 0x2000;

    /** The strategy under test, as its no-argument constructor makes it. */
    protected abstract Strategy strategy();

    @Test
    public void passesTheLoadersRules() {
        assertEquals(Optional.empty(), Providers.check(strategy()), "Providers.check");
    }

    @Test
    public void describesItselfOnOnePrintableLine() {
        String description = strategy().description();
        assertFalse(description.isBlank(), "description is blank");
        assertEquals(description, Printable.of(description), "description has control characters");
        assertFalse(description.endsWith("."), "one line, no trailing period");
    }

    @Test
    public void acceptsEveryDeclaredOptionValue() {
        Strategy s = strategy();
        for (OptionSpec o : s.options()) {
            List<String> values = new ArrayList<>(o.allowed());
            values.add(o.defaultValue());
            for (String v : values) {
                Strategy configured = s.configure(Map.of(o.name(), v));
                assertEquals(s.name(), configured.name(), o.name() + "=" + v);
                assertSame(s.path(), configured.path(), o.name() + "=" + v);
            }
        }
        assertSame(s.path(), s.configure(Map.of()).path());
    }

    @Test
    public void refusesAnUnknownOptionNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> strategy().configure(Map.of("no-such-option", "on")));
        assertTrue(e.getMessage().contains("no-such-option"), e.getMessage());
    }

    @Test
    public void runsTheHandDerivedLayoutAsTheKernelContractRequires() {
        Strategy s = strategy();
        if (s instanceof MovePtesStrategy move) {
            checkMove(move);
        } else if (s instanceof CopyPtesStrategy copy) {
            checkCopy(copy);
        } else if (s instanceof ZapPtesStrategy zap) {
            checkZap(zap);
        } else if (s instanceof ChangePtesStrategy change) {
            checkChange(change);
        } else if (s instanceof PgtableMoveStrategy pgtable) {
            checkPgtable(pgtable);
        } else {
            // A new path kind needs its own hand-derived layout; without one this test would pass unchecked.
            fail("no hand-derived layout for the path of " + s.name());
        }
    }

    /** Table 0 of {@code ops} as the class comment lays it out; returns the entries written. */
    private static long[] layout(FakePteOps ops) {
        ops.mapFolio(0, 0, FOLIO, CONT, Pte.PRESENT | Pte.WRITE | Pte.DIRTY | Pte.YOUNG | Pte.CONT);
        for (int i = 0; i < 4; i++) {
            ops.mapFolio(0, 16 + i, SMALL + i, 1, Pte.PRESENT | Pte.WRITE | Pte.YOUNG);
        }
        ops.mapFolio(0, 24, SMALL + 8, 1, Pte.PRESENT | Pte.WRITE);
        long[] table = new long[EXTENT];
        for (int i = 0; i < EXTENT; i++) {
            table[i] = ops.entry(0, i);
        }
        return table;
    }

    private static long[] table(FakePteOps ops, int t) {
        long[] out = new long[EXTENT];
        for (int i = 0; i < EXTENT; i++) {
            out[i] = ops.entry(t, i);
        }
        return out;
    }

    /** What one run did, to compare two runs. */
    private record Run(long[] oldTable, long[] newTable, List<Object> calls) {
        void assertSameAs(Run other, String what) {
            assertArrayEquals(other.oldTable, oldTable, what + ": source table differs between two identical runs");
            assertArrayEquals(other.newTable, newTable, what + ": destination table differs between two identical runs");
            assertEquals(other.calls, calls, what + ": calls differ between two identical runs");
        }
    }

    private static List<Object> calls(FakePteOps ops) {
        return List.of(ops.ptepGetCalls, ops.vmNormalFolioCalls, ops.folioNrPagesCalls, ops.ptepGetAndClearCalls,
                List.copyOf(ops.getAndClearNr), List.copyOf(ops.clearNr), List.copyOf(ops.setNr),
                List.copyOf(ops.wrprotectNr), List.copyOf(ops.folioPteBatchNr), List.copyOf(ops.ledger.entered));
    }

    private static int cleared(FakePteOps ops) {
        return FakePteOps.sum(ops.getAndClearNr) + FakePteOps.sum(ops.clearNr) + ops.ptepGetAndClearCalls;
    }

    private void checkMove(MovePtesStrategy s) {
        List<Run> runs = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            FakeMoveContext ctx = new FakeMoveContext(CONT, 0, EXTENT);
            long[] before = layout(ctx);
            assertTrue(s.movePtes(ctx), "a present entry moved: the caller must flush");
            long[] expected = new long[EXTENT];
            for (int i = 0; i < EXTENT; i++) {
                expected[i] = ctx.moveSoftDirtyPte(before[i]);
            }
            assertArrayEquals(expected, table(ctx, 1), "every entry at its index in the new table, soft-dirty");
            assertArrayEquals(new long[EXTENT], table(ctx, 0), "the old table is empty");
            assertEquals(PRESENT, FakePteOps.sum(ctx.setNr), "entries set");
            assertEquals(PRESENT, cleared(ctx), "entries cleared");
            assertEquals("", ctx.ledger.stack(), "frames balanced");
            runs.add(new Run(table(ctx, 0), table(ctx, 1), calls(ctx)));
        }
        runs.get(1).assertSameAs(runs.get(0), s.name());
    }

    private void checkCopy(CopyPtesStrategy s) {
        List<Run> runs = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            FakeCopyContext ctx = new FakeCopyContext(CONT, EXTENT);
            long[] before = layout(ctx);
            s.copyPteRange(ctx);
            for (int i = 0; i < EXTENT; i++) {
                long parent = ctx.entry(0, i);
                long child = ctx.entry(1, i);
                if (Pte.none(before[i])) {
                    assertTrue(Pte.none(child), "entry " + i + " stays none in the child");
                    continue;
                }
                assertEquals(Pte.pfn(before[i]), Pte.pfn(child), "child entry " + i + " maps the parent's page");
                assertFalse(Pte.write(child), "child entry " + i + " is write-protected (COW)");
                assertFalse(Pte.young(child), "child entry " + i + " is old");
                assertFalse(Pte.write(parent), "parent entry " + i + " is write-protected (COW)");
            }
            assertEquals(PRESENT, ctx.folioGetCalls + FakePteOps.sum(ctx.folioRefAddNr), "page references taken");
            assertEquals(PRESENT, FakePteOps.sum(ctx.dupAnonNr), "anon rmap duplicates");
            assertEquals(0, FakePteOps.sum(ctx.dupFileNr), "file rmap duplicates");
            assertEquals(PRESENT, ctx.rss, "RSS");
            assertEquals("", ctx.ledger.stack(), "frames balanced");
            runs.add(new Run(table(ctx, 0), table(ctx, 1), calls(ctx)));
        }
        runs.get(1).assertSameAs(runs.get(0), s.name());
    }

    private void checkZap(ZapPtesStrategy s) {
        List<Run> runs = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            FakeZapContext ctx = new FakeZapContext(CONT, EXTENT, 1 << 20);
            layout(ctx);
            assertEquals(ctx.end(), s.zapPteRange(ctx), "with room in the gather the zap reaches the end");
            assertArrayEquals(new long[EXTENT], table(ctx, 0), "every entry cleared");
            assertEquals(PRESENT, cleared(ctx), "entries cleared");
            assertEquals(PRESENT, FakePteOps.sum(ctx.rmapRemoveNr), "rmaps removed");
            assertEquals(PRESENT, FakePteOps.sum(ctx.gatherNr), "pages gathered");
            assertEquals(PRESENT, ctx.gatheredPages, "TLB entries gathered");
            assertEquals(-PRESENT, ctx.rss, "RSS");
            assertEquals("", ctx.ledger.stack(), "frames balanced");
            runs.add(new Run(table(ctx, 0), table(ctx, 1), calls(ctx)));
        }
        runs.get(1).assertSameAs(runs.get(0), s.name());
    }

    private void checkChange(ChangePtesStrategy s) {
        List<Run> runs = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            FakeChangeContext ro = new FakeChangeContext(CONT, EXTENT, false);
            long[] before = layout(ro);
            s.changePteRange(ro);
            for (int i = 0; i < EXTENT; i++) {
                long after = ro.entry(0, i);
                if (Pte.none(before[i])) {
                    assertTrue(Pte.none(after), "entry " + i + " stays none");
                    continue;
                }
                assertEquals(Pte.pfn(before[i]), Pte.pfn(after), "entry " + i + " keeps its page");
                assertTrue(Pte.present(after), "entry " + i + " stays present");
                assertFalse(Pte.write(after), "entry " + i + " is write-protected");
            }
            assertEquals(PRESENT, cleared(ro), "entries started (cleared)");
            assertEquals(PRESENT, FakePteOps.sum(ro.setNr), "entries committed (set)");
            assertEquals(PRESENT, FakePteOps.sum(ro.flushNr), "pages flushed");
            assertEquals("", ro.ledger.stack(), "frames balanced");
            runs.add(new Run(table(ro, 0), table(ro, 1), calls(ro)));

            FakeChangeContext rw = new FakeChangeContext(CONT, EXTENT, true);
            layout(rw);
            for (int i = 0; i < EXTENT; i++) {
                rw.setEntry(0, i, Pte.wrprotect(rw.entry(0, i)));
            }
            s.changePteRange(rw);
            for (int i = 0; i < EXTENT; i++) {
                long after = rw.entry(0, i);
                assertEquals(!Pte.none(after), Pte.write(after), "entry " + i + " writable again iff present");
            }
            assertEquals("", rw.ledger.stack(), "frames balanced");
        }
        runs.get(1).assertSameAs(runs.get(0), s.name());
    }

    private static void checkPgtable(PgtableMoveStrategy s) {
        boolean pmd = s.movePmd();
        boolean pud = s.movePud();
        assertEquals(pmd, s.movePmd(), "movePmd() answers the same every time");
        assertEquals(pud, s.movePud(), "movePud() answers the same every time");
    }
}
