package org.ptreplay.core.linux.fork;

import org.ptreplay.core.linux.mmap.DupMmap;
import org.ptreplay.core.linux.mmap.ExitMmap;
import org.ptreplay.core.state.KernelState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ptreplay.spi.ops.Frame;
import java.util.TreeSet;
import org.ptreplay.trace.Flags;
import org.ptreplay.core.state.Errno;
import org.ptreplay.core.state.Mm;
import org.ptreplay.core.state.Task;

/**
 * Tasks and their mms: pid → task → mm. A task first seen in the trace gets a fresh process.
 * fork with CLONE_VM shares the mm (a thread, or a vfork child, which does not add a running
 * CPU while its parent sleeps); a plain fork duplicates it ({@code dup_mmap}). exec gives the
 * task a fresh mm; the last user of an mm tears it down ({@code exit_mmap}).
 */
public final class Processes {
    private static final Frame DUP_MM = Frame.of("dup_mm");
    private static final Frame MMPUT = Frame.of("mmput");

    private final KernelState cell;
    private final ExitMmap exit;
    private final DupMmap dup;
    private final Map<Integer, Task> tasks = new TreeMap<>();
    /** tgid → the pids of its live tasks, in pid order: a group exit costs its own size, not the table's. */
    private final Map<Integer, TreeSet<Integer>> groups = new HashMap<>();

    public Processes(KernelState cell, ExitMmap exit, DupMmap dup) {
        this.cell = cell;
        this.exit = exit;
        this.dup = dup;
    }

    /** The task of {@code pid}, created with a fresh mm on first sight. */
    public Task task(int pid) {
        Task t = tasks.get(pid);
        if (t == null) {
            Mm mm = cell.newMm();
            t = new Task(pid, pid, mm, true);
            attach(t);
            put(t);
        }
        return t;
    }

    public boolean exists(int pid) {
        return tasks.containsKey(pid);
    }

    /** @return the child pid, or -EINVAL when the child pid is already a live task */
    public long fork(int pid, int childPid, long cloneFlags) {
        Task parent = task(pid);
        if (tasks.containsKey(childPid)) {
            return Errno.EINVAL;
        }
        Task child;
        if ((cloneFlags & Flags.CLONE_VM) != 0) {
            boolean thread = (cloneFlags & Flags.CLONE_THREAD) != 0;
            boolean vfork = (cloneFlags & Flags.CLONE_VFORK) != 0;
            child = new Task(childPid, thread ? parent.tgid() : childPid, parent.mm(), !vfork);
        } else {
            cell.ledger.enter(DUP_MM);
            Mm mm = cell.newMm();
            mm.startBrk = parent.mm().startBrk;
            mm.brk = parent.mm().brk;
            mm.brkSet = parent.mm().brkSet;
            // dup_mmap copies the layout: the child maps where the parent would.
            mm.mmapBase = parent.mm().mmapBase;
            mm.mmapBaseLearned = parent.mm().mmapBaseLearned;
            dup.dupMmap(parent.mm(), mm);
            cell.ledger.exit(DUP_MM);
            child = new Task(childPid, childPid, mm, true);
        }
        attach(child);
        put(child);
        return childPid;
    }

    public long exec(int pid) {
        Task t = task(pid);
        detach(t);
        Task fresh = new Task(pid, t.tgid(), cell.newMm(), true);
        attach(fresh);
        tasks.put(pid, fresh);
        return 0;
    }

    /** Exit of one task, or of its whole thread group, in pid order. */
    public void exit(int pid, boolean group) {
        Task t = task(pid);
        List<Integer> going = group ? new ArrayList<>(groups.get(t.tgid())) : List.of(pid);
        for (int p : going) {
            Task o = tasks.remove(p);
            TreeSet<Integer> members = groups.get(o.tgid());
            members.remove(p);
            if (members.isEmpty()) {
                groups.remove(o.tgid());
            }
            detach(o);
        }
    }

    private void put(Task t) {
        tasks.put(t.pid(), t);
        groups.computeIfAbsent(t.tgid(), g -> new TreeSet<>()).add(t.pid());
    }

    private void attach(Task t) {
        t.mm().users++;
        if (t.counted()) {
            t.mm().liveThreads++;
        }
    }

    private void detach(Task t) {
        Mm mm = t.mm();
        if (t.counted()) {
            mm.liveThreads--;
        }
        if (--mm.users == 0) {
            cell.ledger.enter(MMPUT);
            exit.exitMmap(mm);
            cell.ledger.exit(MMPUT);
        }
    }
}
