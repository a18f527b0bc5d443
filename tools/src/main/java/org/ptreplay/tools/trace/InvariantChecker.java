package org.ptreplay.tools.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

/**
 * {@code ptreplay check}: finds events that cannot happen on Linux (in the spirit of DynamoRIO's
 * invariant_checker), each with its event index. A trace that passes can still diverge from the
 * model on replay; one that fails was damaged, mis-imported or hand-written wrong.
 *
 * <p>Touches outside every mapping the trace made are violations, except in perf recordings:
 * there the faults are real, and a program touches its image, interpreter and stack, which exec
 * maps inside the kernel without any traced call. Those touches are counted as unseen instead;
 * the replay ignores them too.
 */
public final class InvariantChecker {

    /** One impossible event. {@code rule} is a short id, stable for scripts. */
    public record Violation(long index, String rule, String sentence) {
    }

    private final TraceWalk walk;
    private final long page;
    private final boolean realFaults;
    private final int limit;
    private final List<Violation> shown = new ArrayList<>();
    private final Map<String, Long> byRule = new TreeMap<>();
    private long events;
    private long unseenTouches;
    private long unseenPages;

    /** @param limit how many violations to keep for printing; all are counted */
    public InvariantChecker(TraceHeader header, VmaReplay replay, int limit) {
        this.page = PageSize.of(header);
        this.walk = new TraceWalk((int) page, replay);
        this.realFaults = header.source().kind() == TraceHeader.SourceKind.PERF;
        this.limit = limit;
    }

    public void accept(long index, TraceEvent e) {
        events++;
        if (e.pid() <= 0) {
            report(index, "bad-pid", "pid " + e.pid() + " is not a valid task id");
            return;
        }
        tasks(index, e);
        if (e instanceof TraceEvent.Touch t && !touchShape(index, t)) {
            return;
        }
        TaskTable.Task task = walk.tasks().live(e.pid());
        // The trace's first task joins the walk with its first event, so a touch that opens the
        // trace finds no task yet: it has mapped nothing, and every page it touches is unmapped.
        boolean opensTrace = task == null && walk.tasks().empty();
        if (e instanceof TraceEvent.Touch t && (opensTrace || task != null && !task.mm.covers(t.addr(), t.length()))) {
            if (realFaults) {
                unseenTouches++;
                unseenPages += opensTrace ? pages(t.addr(), t.length()) : task.mm.uncoveredPages(t.addr(), t.length());
            } else {
                report(index, "touch-unmapped", "pid " + t.pid() + " touches " + range(t.addr(), t.length())
                        + ", which no mapping made by the trace covers");
            }
        }
        long result = walk.step(index, e);
        if (Results.succeeded(result)) {
            success(index, e, result);
        }
    }

    /** The pages a touch of {@code length} bytes at {@code addr} spans. */
    private long pages(long addr, long length) {
        long first = Math.floorDiv(addr, page);
        long last = Math.floorDiv(addr + length - 1, page);
        return last - first + 1;
    }

    /** The task rules, checked before the walk updates its tasks. */
    private void tasks(long index, TraceEvent e) {
        TaskTable tasks = walk.tasks();
        if (tasks.live(e.pid()) == null) {
            long exitedAt = tasks.exitedAt(e.pid());
            if (exitedAt >= 0) {
                report(index, "after-exit", "pid " + e.pid() + " exited at event " + exitedAt
                        + " but has a " + e.kind().key() + " event here");
            } else if (!tasks.empty()) {
                report(index, "unknown-pid", "pid " + e.pid() + " was never created: no fork made it, and "
                        + "only the trace's first task may appear without one");
            }
        }
        if (e instanceof TraceEvent.Fork f) {
            if (f.childPid() <= 0) {
                report(index, "bad-pid", "fork creates child pid " + f.childPid() + ", which is not a valid task id");
            } else if (tasks.live(f.childPid()) != null) {
                report(index, "child-exists", "fork creates pid " + f.childPid() + ", which is already a live task");
            }
            if (Results.known(f.result()) && f.result() >= 0 && f.result() != f.childPid()) {
                report(index, "fork-result", "fork returned " + f.result() + " but its child is pid " + f.childPid());
            }
        }
    }

    /** Rules for calls that succeeded: what Linux refuses with EINVAL cannot have returned success. */
    private void success(long index, TraceEvent e, long result) {
        if (e instanceof TraceEvent.Mmap m) {
            // do_mmap: a zero length is EINVAL; the result is a page-aligned address.
            if (m.length() == 0) {
                report(index, "zero-length", "mmap of length 0 succeeded");
            }
            resultAligned(index, "mmap", result);
            int fixed = Flags.MAP_FIXED | Flags.MAP_FIXED_NOREPLACE;
            if ((m.flags() & fixed) != 0 && result != m.addr()) {
                report(index, "moved-fixed", "mmap with MAP_FIXED at " + hex(m.addr()) + " returned " + hex(result));
            }
        } else if (e instanceof TraceEvent.Munmap m) {
            // do_vmi_munmap: an unaligned start or an empty page-rounded length is EINVAL.
            addressAligned(index, "munmap", m.addr());
            if (m.length() == 0) {
                report(index, "zero-length", "munmap of length 0 succeeded");
            }
        } else if (e instanceof TraceEvent.Mremap m) {
            // mremap: offset_in_page(addr), offset_in_page(new_addr) with MREMAP_FIXED and a zero
            // page-rounded new length are EINVAL; without MREMAP_MAYMOVE it cannot move.
            addressAligned(index, "mremap", m.oldAddr());
            boolean fixed = (m.flags() & Flags.MREMAP_FIXED) != 0;
            if (fixed) {
                addressAligned(index, "mremap (MREMAP_FIXED new address)", m.newAddr());
            }
            if (m.newLength() == 0) {
                report(index, "zero-length", "mremap to length 0 succeeded");
            }
            resultAligned(index, "mremap", result);
            if ((m.flags() & Flags.MREMAP_MAYMOVE) == 0 && result != m.oldAddr()) {
                report(index, "moved-fixed", "mremap without MREMAP_MAYMOVE moved " + hex(m.oldAddr()) + " to " + hex(result));
            } else if (fixed && result != m.newAddr()) {
                report(index, "moved-fixed", "mremap with MREMAP_FIXED to " + hex(m.newAddr()) + " returned " + hex(result));
            }
        } else if (e instanceof TraceEvent.Mprotect m) {
            addressAligned(index, "mprotect", m.addr());    // do_mprotect_pkey: start & ~PAGE_MASK is EINVAL
        } else if (e instanceof TraceEvent.Madvise m) {
            addressAligned(index, "madvise", m.addr());     // madvise: !PAGE_ALIGNED(start) is EINVAL
        }
    }

    private boolean touchShape(long index, TraceEvent.Touch t) {
        if (t.addr() < 0 || t.length() <= 0 || t.addr() + t.length() < t.addr()) {
            report(index, "bad-touch", "touch of " + t.length() + " bytes at " + hex(t.addr())
                    + " is not a range of user addresses");
            return false;
        }
        return true;
    }

    private void addressAligned(long index, String call, long addr) {
        if ((addr & (page - 1)) != 0) {
            report(index, "unaligned-address", call + " of " + hex(addr) + " succeeded, but the address is not "
                    + page + "-byte page-aligned");
        }
    }

    private void resultAligned(long index, String call, long result) {
        if ((result & (page - 1)) != 0) {
            report(index, "unaligned-result", call + " returned " + hex(result) + ", which is not page-aligned");
        }
    }

    private void report(long index, String rule, String sentence) {
        byRule.merge(rule, 1L, Long::sum);
        if (shown.size() < limit) {
            shown.add(new Violation(index, rule, sentence));
        }
    }

    private static String range(long addr, long length) {
        return "[" + hex(addr) + ", " + hex(addr + length) + ")";
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    public long violations() {
        return byRule.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Object> json(String fileName) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", fileName);
        root.put("events", events);
        root.put("violations", violations());
        root.put("by_rule", byRule);
        List<Object> list = new ArrayList<>();
        for (Violation v : shown) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", v.index());
            m.put("rule", v.rule());
            m.put("message", v.sentence());
            list.add(m);
        }
        root.put("shown", list);
        // The same name and shape as replay's cell field: perf faults outside the trace's mappings.
        Map<String, Object> unmapped = new TreeMap<>();
        unmapped.put("events", unseenTouches);
        unmapped.put("pages", unseenPages);
        root.put("unmapped_touches", unmapped);
        return root;
    }

    public String text(String fileName) {
        StringBuilder s = new StringBuilder();
        for (Violation v : shown) {
            s.append(fileName).append(": event ").append(v.index()).append(": ").append(v.sentence())
                    .append(" [").append(v.rule()).append("]\n");
        }
        long total = violations();
        if (total > shown.size()) {
            s.append("... and ").append(total - shown.size()).append(" more\n");
        }
        if (unseenTouches > 0) {
            s.append(fileName).append(": note: ").append(unseenTouches).append(" touches (").append(unseenPages)
                    .append(" pages) fall outside the mappings the trace shows, most likely the program image and "
                            + "stack that exec maps; replay counts them as unmapped_touches, not divergences\n");
        }
        s.append(fileName).append(": ").append(events).append(" events, ");
        if (total == 0) {
            s.append("no impossible events\n");
        } else {
            s.append(total).append(total == 1 ? " impossible event" : " impossible events").append(" (");
            String sep = "";
            for (Map.Entry<String, Long> r : byRule.entrySet()) {
                s.append(sep).append(r.getKey()).append(' ').append(r.getValue());
                sep = ", ";
            }
            s.append(")\n");
        }
        return s.toString();
    }
}
