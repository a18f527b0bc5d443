package org.ptreplay.trace.importer;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;

/**
 * Writes perf's forks with their clone flags, deciding thread or process by the thread-group id
 * when the recording lacks the flags (no {@code task:task_newtask}, no {@code sys_enter_clone};
 * {@code clone3} passes them in user memory, out of the tracepoint's sight).
 *
 * <p>The thread-group rule: perf prints each line as {@code TGID/TID}, and copy_process
 * (kernel/fork.c) gives a child its parent's tgid exactly when it is cloned with CLONE_THREAD,
 * which requires CLONE_SIGHAND and so CLONE_VM; otherwise the child leads a group of its own. So
 * the child's first line tells: {@code TGID == TID} is a new process, written as a fork (flags 0;
 * a vfork cannot be told from a fork this way), anything else a thread, written with
 * {@link #THREAD_FLAGS}. Until that line, the Fork and every event after it are held in order,
 * because a replay must see the Fork, with its flags, first. At most {@code cap} events are held;
 * beyond that, and at the end of the recording, the oldest undecided fork is written as a fork and
 * counted as unknown.
 */
final class ForkResolver {
    /** The flags that make a thread: glibc's pthread_create passes these and more (TLS, tid pointers). */
    static final long THREAD_FLAGS = Flags.CLONE_VM | Flags.CLONE_FS | Flags.CLONE_FILES | Flags.CLONE_SIGHAND
            | Flags.CLONE_THREAD;

    /** A fork waiting for its child's first line. */
    private static final class Pending {
        final Tasks.Task parent;
        final int parentPid;
        final int child;
        Pending(Tasks.Task parent, int parentPid, int child) {
            this.parent = parent;
            this.parentPid = parentPid;
            this.child = child;
        }
    }

    /** An event held in order; a fork's event is null until its flags are decided. */
    private static final class Held {
        final long timeNs;
        TraceEvent event;
        final Pending fork;

        Held(long timeNs, TraceEvent event, Pending fork) {
            this.timeNs = timeNs;
            this.event = event;
            this.fork = fork;
        }
    }

    private final Emitter emitter;
    private final Tasks tasks;
    private final StatsCounter stats;
    private final int cap;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final Map<Integer, Held> undecided = new HashMap<>();

    ForkResolver(Emitter emitter, Tasks tasks, StatsCounter stats, int cap) {
        this.emitter = emitter;
        this.tasks = tasks;
        this.stats = stats;
        this.cap = cap;
    }

    /** Writes the event now, or after the undecided forks before it. */
    void emit(long timeNs, TraceEvent e) {
        if (held.isEmpty()) {
            emitter.emit(timeNs, e);
        } else {
            hold(new Held(timeNs, e, null));
        }
    }

    /** {@code parent} made {@code child} with these flags, known from {@code source}. */
    void fork(long timeNs, int parent, int child, long flags, String source) {
        stats.forkFlags(source);
        emit(timeNs, new TraceEvent.Fork(parent, 0, child, flags, child));
        tasks.fork(parent, child, flags);
    }

    /** {@code parent} made {@code child} with flags unknown: the child's first line will tell. */
    void forkByThreadGroup(long timeNs, int parent, int child) {
        Held h = new Held(timeNs, null, new Pending(tasks.get(parent), parent, child));
        undecided.put(child, h);
        hold(h);
    }

    /** A line of task {@code tid} in group {@code tgid}: decides its fork if it waits. */
    void seen(int tgid, int tid) {
        if (!undecided.isEmpty() && undecided.containsKey(tid)) {
            decide(undecided.remove(tid), tgid != tid ? THREAD_FLAGS : 0, ImportStats.FLAGS_FROM_TGID);
            flush();
        }
    }

    /**
     * {@code oldPid} exec'd and took over its group leader's pid (de_thread, fs/exec.c): only a
     * thread can do that, so a fork still waiting for it made a thread.
     */
    void execByThread(int oldPid) {
        Held h = undecided.remove(oldPid);
        if (h != null) {
            decide(h, THREAD_FLAGS, ImportStats.FLAGS_FROM_TGID);
            flush();
        }
    }

    /** The end of the recording: forks whose child never showed are written as forks. */
    void finish() {
        while (!held.isEmpty()) {
            decideOldestAsUnknown();
        }
    }

    private void hold(Held h) {
        held.add(h);
        while (held.size() > cap) {
            decideOldestAsUnknown();
        }
    }

    /** After every flush the oldest held event is an undecided fork. */
    private void decideOldestAsUnknown() {
        Held h = held.peekFirst();
        undecided.remove(h.fork.child);
        decide(h, 0, ImportStats.FLAGS_UNKNOWN);
        flush();
    }

    private void decide(Held h, long flags, String source) {
        stats.forkFlags(source);
        h.event = new TraceEvent.Fork(h.fork.parentPid, 0, h.fork.child, flags, h.fork.child);
        tasks.fork(h.fork.parent, h.fork.child, flags);
    }

    private void flush() {
        while (!held.isEmpty() && held.peekFirst().event != null) {
            Held h = held.pollFirst();
            emitter.emit(h.timeNs, h.event);
        }
    }
}
