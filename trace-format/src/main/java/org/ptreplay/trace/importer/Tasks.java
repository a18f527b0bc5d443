package org.ptreplay.trace.importer;

import java.util.HashMap;
import java.util.Map;
import org.ptreplay.trace.Flags;

/**
 * The importer's view of live tasks: which thread group each belongs to, which mm it shares
 * (for the heap break that {@code brk} populate needs) and whether its exit was already written.
 * Entries live from a task's first line to its last, so memory follows the number of live
 * tasks, not the length of the recording.
 */
final class Tasks {
    /** The per-mm state the importers need: the heap break, {@code -1} until a brk result is seen. */
    static final class Mm {
        long brk = -1;

        Mm copy() {
            Mm m = new Mm();
            m.brk = brk;
            return m;
        }
    }

    static final class Task {
        int tgid;
        Mm mm;
        /** Seen before any fork made it (the traced root, a task attached mid-run, a child printed early). */
        boolean provisional;
        /** Its Exit event is written; later lines of the task (strace's {@code +++}) add nothing. */
        boolean exited;
        /** The status its exit or its group's exit_group asked for (perf learns it before the exit). */
        int exitCode;

        Task(int tgid, Mm mm, boolean provisional) {
            this.tgid = tgid;
            this.mm = mm;
            this.provisional = provisional;
        }
    }

    private final Map<Integer, Task> tasks = new HashMap<>();

    /** The task, created as a provisional thread-group leader with a fresh mm if never seen. */
    Task get(int pid) {
        return tasks.computeIfAbsent(pid, p -> new Task(p, new Mm(), true));
    }

    boolean known(int pid) {
        return tasks.containsKey(pid);
    }

    /**
     * {@code parent} made {@code child}: CLONE_VM shares the mm, CLONE_THREAD joins the thread
     * group (include/uapi/linux/sched.h). A child already seen with lines of its own keeps its
     * mm if it has exec'd since (it is then no longer provisional).
     */
    void fork(int parent, int child, long cloneFlags) {
        fork(get(parent), child, cloneFlags);
    }

    /** As {@link #fork(int, int, long)}, for a parent that may have exited since (perf's held forks). */
    void fork(Task p, int child, long cloneFlags) {
        Task c = tasks.get(child);
        if (c != null && !c.provisional) {
            return;
        }
        int tgid = (cloneFlags & Flags.CLONE_THREAD) != 0 ? p.tgid : child;
        Mm mm = (cloneFlags & Flags.CLONE_VM) != 0 ? p.mm : p.mm.copy();
        tasks.put(child, new Task(tgid, mm, false));
    }

    /** A successful exec: a fresh mm, and the task leads its group. */
    void exec(int pid) {
        Task t = get(pid);
        t.mm = new Mm();
        t.tgid = pid;
        t.provisional = false;
    }

    /** exit_group: every live task of the group is gone. */
    void exitGroup(int pid) {
        int tgid = get(pid).tgid;
        for (Task t : tasks.values()) {
            if (t.tgid == tgid) {
                t.exited = true;
            }
        }
    }

    /** exit_group(code) entered: every live task of the group will exit with {@code code}. */
    void groupExitCode(int pid, int code) {
        int tgid = get(pid).tgid;
        for (Task t : tasks.values()) {
            if (t.tgid == tgid) {
                t.exitCode = code;
            }
        }
    }

    void remove(int pid) {
        tasks.remove(pid);
    }
}
