package org.ptreplay.tools.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ptreplay.trace.Flags;

/**
 * The tasks of a trace and the address spaces they use, as fork, exec and exit events describe
 * them: CLONE_VM shares the parent's mm, other forks copy it, exec gives a fresh one, and
 * CLONE_THREAD puts the child in its parent's thread group (which exit_group ends).
 */
final class TaskTable {

    /** A live task. {@code sharesMm}: created with CLONE_VM and has not exec'd since. */
    static final class Task {
        final int pid;
        final int tgid;
        AddressSpace mm;
        boolean sharesMm;

        private Task(int pid, int tgid, AddressSpace mm, boolean sharesMm) {
            this.pid = pid;
            this.tgid = tgid;
            this.mm = mm;
            this.sharesMm = sharesMm;
            mm.users++;
        }
    }

    private final long pageSize;
    private final Map<Integer, Task> live = new HashMap<>();
    /** Pids that exited and were not created again, with the index of the event that ended them. */
    private final Map<Integer, Long> exited = new HashMap<>();
    private long processes;
    private long threads;

    TaskTable(long pageSize) {
        this.pageSize = pageSize;
    }

    /** The live task with this pid, or null. */
    Task live(int pid) {
        return live.get(pid);
    }

    /** The index of the event that ended this pid, or -1 if it did not exit (or was created again). */
    long exitedAt(int pid) {
        return exited.getOrDefault(pid, -1L);
    }

    boolean empty() {
        return live.isEmpty() && exited.isEmpty();
    }

    /** A task the trace did not see created (the traced program itself): a process of its own. */
    Task start(int pid) {
        Task t = new Task(pid, pid, new AddressSpace(pageSize), false);
        add(t);
        processes++;
        return t;
    }

    /** A successful fork of {@code child}, which must not be live. */
    Task fork(Task parent, int child, long cloneFlags) {
        boolean vm = (cloneFlags & Flags.CLONE_VM) != 0;
        boolean thread = (cloneFlags & Flags.CLONE_THREAD) != 0;
        Task t = new Task(child, thread ? parent.tgid : child, vm ? parent.mm : parent.mm.copy(), vm);
        add(t);
        if (vm) {
            threads++;
        } else {
            processes++;
        }
        return t;
    }

    /** A successful exec: a fresh mm; a task that shared its parent's (vfork) becomes a process of its own. */
    void exec(Task t) {
        t.mm.users--;
        t.mm = new AddressSpace(pageSize);
        t.mm.users++;
        if (t.sharesMm) {
            t.sharesMm = false;
            threads--;
            processes++;
        }
    }

    /** At event {@code index}, the task ends, or with {@code group} its whole thread group. */
    void exit(Task t, boolean group, long index) {
        List<Task> going = new ArrayList<>();
        if (group) {
            for (Task o : live.values()) {
                if (o.tgid == t.tgid) {
                    going.add(o);
                }
            }
        } else {
            going.add(t);
        }
        for (Task o : going) {
            live.remove(o.pid);
            exited.put(o.pid, index);
            o.mm.users--;
        }
    }

    /**
     * Tasks that had an address space of their own: the traced program, children of forks
     * without CLONE_VM, and CLONE_VM children (vfork) that exec'd.
     */
    long processes() {
        return processes;
    }

    /** Tasks that shared their creator's mm (CLONE_VM) for their whole life: threads. */
    long threads() {
        return threads;
    }

    private void add(Task t) {
        live.put(t.pid, t);
        exited.remove(t.pid);
    }
}
