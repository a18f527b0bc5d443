package org.ptreplay.core.linux.madvise;

import org.ptreplay.core.linux.memory.Unmap;
import org.ptreplay.core.linux.memory.Fault;
import org.ptreplay.core.state.KernelState;
import java.util.Map;
import java.util.TreeMap;
import org.ptreplay.spi.ops.Frame;
import org.ptreplay.trace.Flags;
import org.ptreplay.core.linux.gup.Populate;
import org.ptreplay.core.linux.vma.VmaModify;
import org.ptreplay.core.state.Errno;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.VmFlags;
import org.ptreplay.core.state.Vma;

/**
 * madvise(2): MADV_DONTNEED zaps (tables stay), MADV_FREE marks lazyfree (see {@link MadvFree}),
 * HUGEPAGE/NOHUGEPAGE, DONTFORK/DOFORK and WIPEONFORK/KEEPONFORK change VMA flags (split and
 * merge), POPULATE_READ/WRITE fault pages in. Every other valid advice is accepted, ignored and
 * counted. A hole in the range gives ENOMEM after the mapped parts were advised, as in Linux.
 */
public final class MadviseCall {
    private static final Frame MADVISE_DONTNEED = Frame.of("madvise_dontneed_single_vma");

    private final KernelState cell;
    private final Fault fault;
    private final Unmap unmap;
    private final MadvFree madvFree;
    private final Map<String, Long> ignored = new TreeMap<>();

    public MadviseCall(KernelState cell, Fault fault, Unmap unmap) {
        this.cell = cell;
        this.fault = fault;
        this.unmap = unmap;
        this.madvFree = new MadvFree(cell);
    }

    /** Advice accepted without a model, by name, e.g. {@code MADV_COLD -> 3}. */
    public Map<String, Long> ignored() {
        return ignored;
    }

    public long madvise(Mm mm, long start, long lenIn, int advice) {
        long page = cell.pageSize();
        if ((start & (page - 1)) != 0 || !valid(advice)) {
            return Errno.EINVAL;
        }
        long len = (lenIn + page - 1) & -page;
        if (lenIn != 0 && len == 0) {
            return Errno.EINVAL;
        }
        long end = start + len;
        if (end < start) {
            return Errno.EINVAL;
        }
        if (end == start) {
            return 0;
        }
        boolean hole = !VmaModify.covered(mm, start, end);
        long r = switch (advice) {
            case Flags.MADV_DONTNEED, Flags.MADV_DONTNEED_LOCKED -> dontneed(mm, start, end, advice);
            case Flags.MADV_FREE -> free(mm, start, end);
            case Flags.MADV_HUGEPAGE -> flags(mm, start, end, f -> (f | VmFlags.VM_HUGEPAGE) & ~VmFlags.VM_NOHUGEPAGE);
            case Flags.MADV_NOHUGEPAGE -> flags(mm, start, end, f -> (f | VmFlags.VM_NOHUGEPAGE) & ~VmFlags.VM_HUGEPAGE);
            case Flags.MADV_DONTFORK -> flags(mm, start, end, f -> f | VmFlags.VM_DONTCOPY);
            case Flags.MADV_DOFORK -> flags(mm, start, end, f -> f & ~VmFlags.VM_DONTCOPY);
            case Flags.MADV_WIPEONFORK -> wipeOnFork(mm, start, end);
            case Flags.MADV_KEEPONFORK -> flags(mm, start, end, f -> f & ~VmFlags.VM_WIPEONFORK);
            case Flags.MADV_POPULATE_READ, Flags.MADV_POPULATE_WRITE -> {
                if (hole) {
                    yield Errno.ENOMEM;
                }
                Populate.populate(cell, fault, mm, start, end, advice == Flags.MADV_POPULATE_WRITE);
                yield 0;
            }
            default -> {
                ignored.merge(name(advice), 1L, Long::sum);
                yield 0;
            }
        };
        return r != 0 ? r : hole ? Errno.ENOMEM : 0;
    }

    private long dontneed(Mm mm, long start, long end, int advice) {
        for (Vma v : mm.vmas().intersecting(start, end)) {
            if (advice == Flags.MADV_DONTNEED && v.has(VmFlags.VM_LOCKED)) {
                return Errno.EINVAL;
            }
            cell.ledger.enter(MADVISE_DONTNEED);
            unmap.zapRange(mm, v, Math.max(start, v.start()), Math.min(end, v.end()));
            cell.ledger.exit(MADVISE_DONTNEED);
        }
        return 0;
    }

    private long free(Mm mm, long start, long end) {
        for (Vma v : mm.vmas().intersecting(start, end)) {
            if (!v.isAnonymous()) {
                return Errno.EINVAL;
            }
            madvFree.free(mm, Math.max(start, v.start()), Math.min(end, v.end()));
        }
        return 0;
    }

    private long wipeOnFork(Mm mm, long start, long end) {
        for (Vma v : mm.vmas().intersecting(start, end)) {
            if (!v.isAnonymous() || v.has(VmFlags.VM_SHARED)) {
                return Errno.EINVAL;
            }
        }
        return flags(mm, start, end, f -> f | VmFlags.VM_WIPEONFORK);
    }

    private long flags(Mm mm, long start, long end, VmaModify.FlagChange change) {
        VmaModify.modify(cell, mm, start, end, change);
        return 0;
    }

    private static boolean valid(int advice) {
        return switch (advice) {
            case Flags.MADV_NORMAL, Flags.MADV_RANDOM, Flags.MADV_SEQUENTIAL, Flags.MADV_WILLNEED,
                    Flags.MADV_DONTNEED, Flags.MADV_FREE, Flags.MADV_REMOVE, Flags.MADV_DONTFORK,
                    Flags.MADV_DOFORK, Flags.MADV_MERGEABLE, Flags.MADV_UNMERGEABLE, Flags.MADV_HUGEPAGE,
                    Flags.MADV_NOHUGEPAGE, Flags.MADV_DONTDUMP, Flags.MADV_DODUMP, Flags.MADV_WIPEONFORK,
                    Flags.MADV_KEEPONFORK, Flags.MADV_COLD, Flags.MADV_PAGEOUT, Flags.MADV_POPULATE_READ,
                    Flags.MADV_POPULATE_WRITE, Flags.MADV_DONTNEED_LOCKED, Flags.MADV_COLLAPSE -> true;
            default -> false;
        };
    }

    private static String name(int advice) {
        return switch (advice) {
            case Flags.MADV_NORMAL -> "MADV_NORMAL";
            case Flags.MADV_RANDOM -> "MADV_RANDOM";
            case Flags.MADV_SEQUENTIAL -> "MADV_SEQUENTIAL";
            case Flags.MADV_WILLNEED -> "MADV_WILLNEED";
            case Flags.MADV_REMOVE -> "MADV_REMOVE";
            case Flags.MADV_MERGEABLE -> "MADV_MERGEABLE";
            case Flags.MADV_UNMERGEABLE -> "MADV_UNMERGEABLE";
            case Flags.MADV_DONTDUMP -> "MADV_DONTDUMP";
            case Flags.MADV_DODUMP -> "MADV_DODUMP";
            case Flags.MADV_COLD -> "MADV_COLD";
            case Flags.MADV_PAGEOUT -> "MADV_PAGEOUT";
            case Flags.MADV_COLLAPSE -> "MADV_COLLAPSE";
            default -> "MADV_" + advice;
        };
    }
}
