package org.ptreplay.tools.trace;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.core.value.VmaInfo;
import org.ptreplay.tools.text.Table;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

/**
 * {@code ptreplay stats}: the shape of a trace's memory calls. Mapping and mremap sizes; what
 * each mremap did; how the old and new addresses of each move are aligned, which decides whether
 * the kernel can move whole page tables ({@code move_normal_pmd}, {@code move_normal_pud}: both
 * addresses aligned to the level) and whether arm64 contpte blocks stay intact (same offset in a
 * 64 KiB block); and how much anonymous memory each fork copies.
 */
public final class TraceStats {

    /** What one mremap did. */
    enum Outcome {
        EXPANDED_IN_PLACE, SHRUNK_IN_PLACE, UNCHANGED, MOVED, FAILED, UNKNOWN;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Alignment counts of the moves at one granularity. */
    private static final class Alignment {
        final String name;
        final long size;
        long oldAligned;
        long newAligned;
        long bothAligned;
        long mutuallyAligned;

        Alignment(String name, long size) {
            this.name = name;
            this.size = size;
        }

        void add(long from, long to) {
            boolean o = (from & (size - 1)) == 0;
            boolean n = (to & (size - 1)) == 0;
            oldAligned += o ? 1 : 0;
            newAligned += n ? 1 : 0;
            bothAligned += o && n ? 1 : 0;
            mutuallyAligned += ((from ^ to) & (size - 1)) == 0 ? 1 : 0;
        }

        Map<String, Object> json(long moves) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("size", size);
            m.put("old_aligned", oldAligned);
            m.put("new_aligned", newAligned);
            m.put("both_aligned", bothAligned);
            m.put("mutually_aligned", mutuallyAligned);
            m.put("both_aligned_fraction", fraction(bothAligned, moves));
            m.put("mutually_aligned_fraction", fraction(mutuallyAligned, moves));
            return m;
        }
    }

    private final String fileName;
    private final long page;
    private final TraceWalk walk;
    private final Pow2Histogram mappingSizes = new Pow2Histogram();
    private final Pow2Histogram mremapOld = new Pow2Histogram();
    private final Pow2Histogram mremapNew = new Pow2Histogram();
    private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    private final List<Alignment> alignments;
    private final Pow2Histogram forkAnon = new Pow2Histogram();
    private long moves;
    private long forkAnonMax;
    private long forkAnonTotal;
    private long sharedForks;

    /**
     * @param arm64 the arm64 geometry for the trace's page size: its contpte block, PMD and PUD
     *              sizes are the alignments reported (x86-64 with 4 KiB pages has the same PMD and PUD sizes)
     */
    public TraceStats(String fileName, TraceHeader header, VmaReplay replay, PageTableGeometry arm64) {
        this.fileName = fileName;
        this.page = PageSize.of(header);
        this.walk = new TraceWalk((int) page, replay);
        this.alignments = List.of(new Alignment("cont_pte", arm64.contSize()), new Alignment("pmd", arm64.pmdSize()),
                new Alignment("pud", arm64.pudSize()));
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, 0L);
        }
    }

    public void accept(long index, TraceEvent e) {
        if (e instanceof TraceEvent.Fork f && (f.cloneFlags() & Flags.CLONE_VM) == 0) {
            long anon = 0;
            for (VmaInfo v : walk.replay().vmas(f.pid())) {
                anon += v.anonymous() ? v.end() - v.start() : 0;
            }
            forkAnon.add(anon);
            forkAnonMax = Math.max(forkAnonMax, anon);
            forkAnonTotal += anon;
        } else if (e instanceof TraceEvent.Fork) {
            sharedForks++;
        }
        long result = walk.step(index, e);
        if (e instanceof TraceEvent.Mmap m && Results.succeeded(result)) {
            mappingSizes.add(pageUp(m.length()));
        } else if (e instanceof TraceEvent.Mremap m) {
            Outcome o = outcome(m, result);
            outcomes.merge(o, 1L, Long::sum);
            if (o != Outcome.FAILED && o != Outcome.UNKNOWN) {
                mremapOld.add(pageUp(m.oldLength()));
                mremapNew.add(pageUp(m.newLength()));
            }
            if (o == Outcome.MOVED) {
                moves++;
                for (Alignment a : alignments) {
                    a.add(m.oldAddr(), result);
                }
            }
        }
    }

    static Outcome outcome(TraceEvent.Mremap m, long result) {
        if (!Results.known(result)) {
            return Outcome.UNKNOWN;
        }
        if (Results.failed(result)) {
            return Outcome.FAILED;
        }
        if (result != m.oldAddr() || (m.flags() & Flags.MREMAP_DONTUNMAP) != 0) {
            return Outcome.MOVED;
        }
        long oldLen = m.oldLength();
        long newLen = m.newLength();
        return newLen > oldLen ? Outcome.EXPANDED_IN_PLACE : newLen < oldLen ? Outcome.SHRUNK_IN_PLACE : Outcome.UNCHANGED;
    }

    private long pageUp(long v) {
        return (v + page - 1) & -page;
    }

    private static double fraction(long n, long of) {
        return of == 0 ? 0.0 : (double) n / of;
    }

    public Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", fileName);
        root.put("mapping_sizes", mappingSizes.json());
        Map<String, Object> mremap = new LinkedHashMap<>();
        Map<String, Object> out = new LinkedHashMap<>();
        outcomes.forEach((o, n) -> out.put(o.key(), n));
        mremap.put("outcomes", out);
        mremap.put("old_sizes", mremapOld.json());
        mremap.put("new_sizes", mremapNew.json());
        root.put("mremap", mremap);
        Map<String, Object> moved = new LinkedHashMap<>();
        moved.put("count", moves);
        for (Alignment a : alignments) {
            moved.put(a.name, a.json(moves));
        }
        root.put("moves", moved);
        Map<String, Object> forks = new LinkedHashMap<>();
        forks.put("count", forkAnon.total());
        forks.put("anon_bytes", forkAnon.json());
        forks.put("anon_bytes_max", forkAnonMax);
        forks.put("anon_bytes_total", forkAnonTotal);
        forks.put("clone_vm", sharedForks);
        root.put("forks", forks);
        root.put("vma_replay_stopped", walk.replay().stopped().isEmpty() ? null : walk.replay().stopped());
        return root;
    }

    public String text() {
        StringBuilder s = new StringBuilder();
        s.append(fileName).append('\n');
        s.append("mapping sizes (successful mmap, page-rounded):\n").append(mappingSizes.text("  "));
        long calls = outcomes.values().stream().mapToLong(Long::longValue).sum();
        s.append("mremap: ").append(calls).append(" calls\n");
        Table t = new Table("  outcome", "calls");
        outcomes.forEach((o, n) -> {
            if (n > 0) {
                t.row("  " + o.key().replace('_', ' '), Long.toString(n));
            }
        });
        s.append(calls == 0 ? "" : t.render());
        s.append("mremap old sizes (successful calls):\n").append(mremapOld.text("  "));
        s.append("mremap new sizes (successful calls):\n").append(mremapNew.text("  "));
        s.append("moves: ").append(moves).append('\n');
        if (moves > 0) {
            Table a = new Table("  alignment", "old aligned", "new aligned", "both aligned", "same offset");
            for (Alignment al : alignments) {
                a.row("  " + al.name + " (" + Units.power(al.size) + ")", percent(al.oldAligned), percent(al.newAligned),
                        percent(al.bothAligned), percent(al.mutuallyAligned));
            }
            s.append(a.render());
        }
        s.append("forks (without CLONE_VM): ").append(forkAnon.total()).append(", anonymous bytes at fork: ")
                .append(Units.bytes(forkAnonTotal)).append(" in total, ").append(Units.bytes(forkAnonMax))
                .append(" at most; ").append(sharedForks).append(" CLONE_VM clones\n");
        s.append(forkAnon.text("  "));
        if (!walk.replay().stopped().isEmpty()) {
            s.append("note: the VMA replay stopped early (").append(walk.replay().stopped())
                    .append("); later unrecorded results are unknown\n");
        }
        return s.toString();
    }

    private String percent(long n) {
        return String.format(Locale.ROOT, "%d (%.1f%%)", n, 100.0 * fraction(n, moves));
    }
}
