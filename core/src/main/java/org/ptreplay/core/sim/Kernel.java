package org.ptreplay.core.sim;

import java.util.ArrayList;
import java.util.List;
import org.ptreplay.spi.ops.ArchMmu;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.ops.Primitive;
import org.ptreplay.core.ledger.PathLedger;
import org.ptreplay.core.ledger.StepLimitException;
import org.ptreplay.core.mem.PhysMem;
import org.ptreplay.core.linux.mmap.BrkCall;
import org.ptreplay.core.state.KernelState;
import org.ptreplay.core.linux.huge_memory.HugePmd;
import org.ptreplay.core.linux.memory.CopyPageRange;
import org.ptreplay.core.linux.memory.Fault;
import org.ptreplay.core.linux.memory.Unmap;
import org.ptreplay.core.linux.mmap.UnmappedArea;
import org.ptreplay.core.linux.mprotect.ChangeProtection;
import org.ptreplay.core.linux.mremap.MovePageTables;
import org.ptreplay.core.linux.madvise.MadviseCall;
import org.ptreplay.core.linux.mmap.DupMmap;
import org.ptreplay.core.linux.mmap.ExitMmap;
import org.ptreplay.core.linux.mmap.MmapCall;
import org.ptreplay.core.linux.mprotect.MprotectCall;
import org.ptreplay.core.linux.mremap.MremapCall;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.linux.fork.Processes;
import org.ptreplay.core.state.ThpPolicy;
import org.ptreplay.core.linux.memory.TouchCall;
import org.ptreplay.core.linux.vma.VmiMunmap;
import org.ptreplay.core.pgtable.TableMemory;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.core.value.Divergence;
import org.ptreplay.core.value.EntryTotals;
import org.ptreplay.core.value.FaultFallbacks;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.core.value.UnmappedTouches;
import org.ptreplay.core.value.VmaInfo;

/**
 * The simulated kernel of one replay cell: feed it the trace's events in order with
 * {@link #apply}, then read {@link #result}. Every syscall event charges one {@code SYSCALL} under
 * a root frame named after it; touch events charge under {@code fault} (page faults) and
 * {@code user} (the data stream). Deterministic: the same events and configuration give the same
 * result. Not thread-safe.
 */
public final class Kernel {
    private static final Frame MMAP = Frame.of("mmap");
    private static final Frame MUNMAP = Frame.of("munmap");
    private static final Frame MREMAP = Frame.of("mremap");
    private static final Frame BRK = Frame.of("brk");
    private static final Frame MADVISE = Frame.of("madvise");
    private static final Frame MPROTECT = Frame.of("mprotect");
    private static final Frame FORK = Frame.of("fork");
    private static final Frame EXEC = Frame.of("exec");
    private static final Frame EXIT = Frame.of("exit");

    private final SimConfig config;
    private final KernelState cell;
    private final PathLedger ledger;
    private final Processes processes;
    private final VmiMunmap munmap;
    private final MmapCall mmap;
    private final MremapCall mremap;
    private final BrkCall brk;
    private final MadviseCall madvise;
    private final MprotectCall mprotect;
    private final TouchCall touch;
    private final List<Divergence> divergences = new ArrayList<>();
    private long events;
    private long currentIndex;
    private boolean realFaults;
    private long unmappedTouchEvents;
    private long unmappedTouchPages;

    /** @throws IllegalArgumentException one sentence naming a bad option or unusable strategy */
    public Kernel(SimConfig config) {
        this.config = config;
        PageTableGeometry geo = config.arch().geometry(config.archOptions());
        PhysMem phys = new PhysMem(geo.pageShift(), geo.tableBits(), config.placement(), config.seed(),
                config.physPages(geo.pageShift()));
        this.ledger = new PathLedger(config.cost());
        TableMemory mem = new TableMemory(phys, ledger);
        ArchMmu mmu = config.arch().create(config.archOptions(), mem);
        this.cell = new KernelState(geo, phys, mem, ledger, mmu, config.strategies(), new ThpPolicy(config.thp(), geo),
                config.kernelConfig(), config.softDirty(), config.cpus(), config.lazyTlbCpus(), config.batchRuns());
        cell.vmaOnly = config.vmaOnly();
        cell.rangePaths = config.rangePaths();
        // The kernel paths of this cell, shared by the syscalls.
        HugePmd huge = new HugePmd(cell);
        Unmap unmap = new Unmap(cell, huge);
        Fault fault = new Fault(cell, huge);
        UnmappedArea area = new UnmappedArea(cell);
        this.processes = new Processes(cell, new ExitMmap(cell, unmap), new DupMmap(cell, new CopyPageRange(cell, huge)));
        this.munmap = new VmiMunmap(cell, unmap);
        this.mmap = new MmapCall(cell, fault, area, munmap);
        this.mremap = new MremapCall(cell, area, new MovePageTables(cell, huge), munmap);
        this.brk = new BrkCall(cell, munmap);
        this.madvise = new MadviseCall(cell, fault, unmap);
        this.mprotect = new MprotectCall(cell, new ChangeProtection(cell, huge));
        this.touch = new TouchCall(cell, fault);
    }

    /**
     * The trace records real faults (a perf recording): a touch of pages in no VMA is memory
     * that exec mapped without a traced call, counted in {@link UnmappedTouches}, not a divergence.
     */
    public void realFaults(boolean real) {
        this.realFaults = real;
    }

    public SimConfig config() {
        return config;
    }

    /**
     * Replays one event and returns the model's result (an address or 0, {@code -errno}, the child
     * pid of a fork, the SIGSEGV page count of a touch). A result that differs from the recorded one
     * is recorded as a {@link Divergence}.
     *
     * @throws ReplayException for an event that cannot be replayed, or the first divergence in strict mode
     */
    public long apply(long index, TraceEvent e) {
        validate(index, e);
        currentIndex = index;
        events++;
        checkMemory(index, e);
        ledger.beginEvent(e.kind());
        ledger.limitSteps(stepBudget(e));
        long r;
        try {
            r = dispatch(e);
        } catch (StepLimitException loop) {
            throw new ReplayException(index, "Event " + index + " (" + e.kind().key() + " of pid " + e.pid()
                    + ") took " + loop.getMessage() + ", far more than its pages and VMAs need: the model or a strategy"
                    + " is looping; please report it with the trace.", loop);
        } catch (org.ptreplay.core.mem.PhysMemExhaustedException full) {
            throw new ReplayException(index, "Event " + index + " (" + e.kind().key() + " of pid " + e.pid()
                    + ") needs more memory than the cell has: " + full.getMessage() + ".");
        }
        long recorded = recordedResult(e);
        if (recorded != TraceEvent.UNKNOWN_RESULT && recorded != r) {
            diverge(e.kind().key() + " result", recorded, r);
        }
        return r;
    }

    private long dispatch(TraceEvent e) {
        if (e instanceof TraceEvent.Mmap m) {
            long hint = m.result() == TraceEvent.UNKNOWN_RESULT ? -1 : m.result();
            return syscall(MMAP, () -> mmap.mmap(mm(m.pid()), m.addr(), m.length(), m.prot(), m.flags(), m.fd(),
                    m.offset(), hint, this::diverge));
        } else if (e instanceof TraceEvent.Munmap m) {
            return syscall(MUNMAP, () -> munmap.munmap(mm(m.pid()), m.addr(), m.length()));
        } else if (e instanceof TraceEvent.Mremap m) {
            long rec = m.result() == TraceEvent.UNKNOWN_RESULT ? -1 : m.result();
            return syscall(MREMAP, () -> mremap.mremap(mm(m.pid()), m.oldAddr(), m.oldLength(), m.newLength(),
                    m.flags(), m.newAddr(), rec, this::diverge));
        } else if (e instanceof TraceEvent.Brk b) {
            long rec = b.result() == TraceEvent.UNKNOWN_RESULT ? -1 : b.result();
            return syscall(BRK, () -> brk.brk(mm(b.pid()), b.addr(), rec));
        } else if (e instanceof TraceEvent.Madvise m) {
            return syscall(MADVISE, () -> madvise.madvise(mm(m.pid()), m.addr(), m.length(), m.advice()));
        } else if (e instanceof TraceEvent.Mprotect m) {
            return syscall(MPROTECT, () -> mprotect.mprotect(mm(m.pid()), m.addr(), m.length(), m.prot()));
        } else if (e instanceof TraceEvent.Fork f) {
            return syscall(FORK, () -> processes.fork(f.pid(), f.childPid(), f.cloneFlags()));
        } else if (e instanceof TraceEvent.Exec x) {
            // A recorded failure (ENOENT, EACCES...) fails before the point of no return: the mm stays.
            boolean failed = x.result() < 0 && x.result() != TraceEvent.UNKNOWN_RESULT;
            return syscall(EXEC, () -> failed ? x.result() : processes.exec(x.pid()));
        } else if (e instanceof TraceEvent.Exit x) {
            return syscall(EXIT, () -> {
                processes.exit(x.pid(), x.group());
                return 0;
            });
        }
        TraceEvent.Touch t = (TraceEvent.Touch) e;
        long segv = touch.touch(mm(t.pid()), t.addr(), t.length(), t.write());
        long unmapped = realFaults ? touch.lastUnmappedPages() : 0;
        if (unmapped > 0) {
            unmappedTouchEvents++;
            unmappedTouchPages += unmapped;
        }
        if (segv - unmapped != 0) {
            diverge("touch pages without access (SIGSEGV)", 0, segv - unmapped);
        }
        return segv;
    }

    /**
     * The watchdog's bound for one event: every legitimate event charges in proportion to the
     * pages it spans, the pages the cell holds (fork copies, exit zaps) and the VMAs of its mm
     * (a munmap over many VMAs), each at a few charges per unit; 64 per unit plus a floor leaves
     * that a wide margin while a loop without progress still ends in seconds.
     */
    private long stepBudget(TraceEvent e) {
        long units = eventPages(e) + cell.phys.allocatedPages();
        if (processes.exists(e.pid())) {
            units += mm(e.pid()).vmas().size();
        }
        return STEP_FLOOR + Math.min(units, Long.MAX_VALUE / 128) * 64;
    }

    private static final long STEP_FLOOR = 1L << 22;

    /**
     * Heap bytes per simulated page, an estimate from the model's own arrays: PhysMem keeps a
     * 4-byte refcount, a 4-byte mapcount and a state byte per pfn, and each mapped page needs an
     * 8-byte entry in a page-table page (itself simulated memory); rounded up for the free lists.
     */
    static final long MODEL_BYTES_PER_PAGE = 24;

    /**
     * Refuses, before it runs, an event whose pages could not fit in this cell's memory share:
     * a touch or populate allocates up to its pages, a fork copies up to what the cell holds.
     */
    private void checkMemory(long index, TraceEvent e) {
        if (config.memoryBytes() == Long.MAX_VALUE || config.vmaOnly()) {
            return;
        }
        long growth = 0;
        if (e instanceof TraceEvent.Touch t) {
            growth = pages(t.length());
        } else if (e instanceof TraceEvent.Mmap m && (m.flags() & Flags.MAP_POPULATE) != 0) {
            growth = pages(m.length());
        } else if (e instanceof TraceEvent.Madvise m
                && (m.advice() == Flags.MADV_POPULATE_READ || m.advice() == Flags.MADV_POPULATE_WRITE)) {
            growth = pages(m.length());
        } else if (e instanceof TraceEvent.Fork f && (f.cloneFlags() & Flags.CLONE_VM) == 0) {
            growth = cell.phys.allocatedPages();
        }
        if (growth == 0) {
            return;
        }
        long pages = cell.phys.allocatedPages() + growth;
        long need = pages > config.memoryBytes() / MODEL_BYTES_PER_PAGE ? Long.MAX_VALUE : pages * MODEL_BYTES_PER_PAGE;
        if (need > config.memoryBytes()) {
            throw new ReplayException(index, "Event " + index + " (" + e.kind().key() + " of pid " + e.pid() + ") could need "
                    + bytes(pages, cell.pageSize()) + " of simulated pages, about " + mib(pages) + " of heap, more than this"
                    + " cell's share of " + (config.memoryBytes() >> 20) + " MiB; give the JVM more with"
                    + " PTREPLAY_JAVA_OPTS=-Xmx" + suggestedXmxGib(pages) + "g or replay fewer cells at once.");
        }
    }

    private static String mib(long pages) {
        return pages > Long.MAX_VALUE / MODEL_BYTES_PER_PAGE ? "more than 8 EiB" : ((pages * MODEL_BYTES_PER_PAGE) >> 20) + " MiB";
    }

    private long suggestedXmxGib(long pages) {
        double cells = Math.max(1.0, (double) Runtime.getRuntime().maxMemory() / Math.max(1, config.memoryBytes()));
        return (long) Math.ceil(pages * (double) MODEL_BYTES_PER_PAGE * cells / 0.8 / (1L << 30));
    }

    private static String bytes(long pages, long pageSize) {
        double b = pages * (double) pageSize;
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.0f %s", b, units[u]);
    }

    private long eventPages(TraceEvent e) {
        if (e instanceof TraceEvent.Mmap m) return pages(m.length());
        if (e instanceof TraceEvent.Munmap m) return pages(m.length());
        if (e instanceof TraceEvent.Mremap m) return pages(m.oldLength()) + pages(m.newLength());
        if (e instanceof TraceEvent.Madvise m) return pages(m.length());
        if (e instanceof TraceEvent.Mprotect m) return pages(m.length());
        if (e instanceof TraceEvent.Touch t) return pages(t.length());
        return 0;
    }

    private long pages(long bytes) {
        return Math.max(0, bytes) >>> cell.pageShift();
    }

    /** Replays events in order, numbering them from 0. */
    public SimResult replay(Iterable<? extends TraceEvent> trace) {
        long i = 0;
        for (TraceEvent e : trace) {
            apply(i++, e);
        }
        return result();
    }

    /** Records this cell's first events for {@code --timeline} (before the replay starts). */
    public void recordTimeline(org.ptreplay.core.ledger.TimelineRecorder recorder) {
        ledger.recordTimeline(recorder);
    }

    public SimResult result() {
        return new SimResult(events, ledger.snapshot(), divergences, new java.util.TreeMap<>(madvise.ignored()),
                cell.phys.allocatedPages(), new EntryTotals(cell.entries.moved, cell.entries.copied,
                cell.entries.zapped, cell.entries.faulted), new UnmappedTouches(unmappedTouchEvents, unmappedTouchPages),
                new FaultFallbacks(cell.entries.thpFaultFallback, cell.entries.anonFaultFallback));
    }

    /** The VMAs of a task's mm in address order; none for a pid the trace has not shown (a query creates no task). */
    public java.util.List<VmaInfo> vmas(int pid) {
        if (!processes.exists(pid)) {
            return List.of();
        }
        return mm(pid).vmas().all().stream()
                .map(v -> new VmaInfo(v.start(), v.end(), v.flags(), v.isAnonymous()))
                .toList();
    }

    private Mm mm(int pid) {
        return processes.task(pid).mm();
    }

    private long syscall(Frame f, java.util.function.LongSupplier body) {
        ledger.enter(f);
        ledger.charge(Primitive.SYSCALL);
        long r = body.getAsLong();
        ledger.exit(f);
        return r;
    }

    private void diverge(String what, long recorded, long model) {
        Divergence d = new Divergence(currentIndex, what, recorded, model);
        divergences.add(d);
        if (config.strict()) {
            throw new ReplayException(currentIndex, "Stopped at the first divergence (strict): " + d.describe());
        }
    }

    private static long recordedResult(TraceEvent e) {
        if (e instanceof TraceEvent.Mmap m) return m.result();
        if (e instanceof TraceEvent.Munmap m) return m.result();
        if (e instanceof TraceEvent.Mremap m) return m.result();
        if (e instanceof TraceEvent.Brk b) return b.result();
        if (e instanceof TraceEvent.Madvise m) return m.result();
        if (e instanceof TraceEvent.Mprotect m) return m.result();
        if (e instanceof TraceEvent.Fork f) return f.result();
        if (e instanceof TraceEvent.Exec x) return x.result();
        return TraceEvent.UNKNOWN_RESULT;
    }

    private static void validate(long index, TraceEvent e) {
        if (e.pid() <= 0) {
            throw new ReplayException(index, "Event " + index + " has pid " + e.pid() + ", but pids must be positive.");
        }
        if (e instanceof TraceEvent.Touch t && (t.length() < 0 || t.addr() < 0)) {
            throw new ReplayException(index, "Event " + index + " touches a negative address or length.");
        }
        if (e instanceof TraceEvent.Fork f && f.childPid() <= 0) {
            throw new ReplayException(index, "Event " + index + " forks child pid " + f.childPid() + ", but pids must be positive.");
        }
    }
}
