package org.ptreplay.tools.trace;

import org.ptreplay.trace.TraceEvent;

/**
 * Follows a trace event by event: its tasks ({@link TaskTable}), the ranges each address space
 * maps ({@link AddressSpace}) and, through the {@link VmaReplay}, the results the trace leaves
 * unknown. The analyses ({@link TraceSummary}, {@link TraceStats}, {@link InvariantChecker}) read
 * its state before and after each {@link #step}.
 *
 * <p>It is lenient where Linux is not, so that one impossible event does not derail the rest: a
 * pid seen without a fork becomes a task of its own, and a fork of a live child pid is ignored.
 */
final class TraceWalk {
    private final TaskTable tasks;
    private final VmaReplay replay;

    TraceWalk(int pageSize, VmaReplay replay) {
        this.tasks = new TaskTable(pageSize);
        this.replay = replay;
    }

    TaskTable tasks() {
        return tasks;
    }

    VmaReplay replay() {
        return replay;
    }

    /** Applies one event; returns its effective result (see {@link VmaReplay#apply}). */
    long step(long index, TraceEvent e) {
        long result = replay.apply(index, e);
        TaskTable.Task task = tasks.live(e.pid());
        if (task == null) {
            task = tasks.start(e.pid());
        }
        if (e instanceof TraceEvent.Fork f) {
            if (tasks.live(f.childPid()) == null && (Results.succeeded(result) || !Results.known(result))) {
                tasks.fork(task, f.childPid(), f.cloneFlags());
            }
        } else if (e instanceof TraceEvent.Exec) {
            if (result == 0 || !Results.known(result)) {
                tasks.exec(task);
            }
        } else if (e instanceof TraceEvent.Exit x) {
            tasks.exit(task, x.group(), index);
        } else {
            task.mm.apply(e, result);
        }
        return result;
    }
}
