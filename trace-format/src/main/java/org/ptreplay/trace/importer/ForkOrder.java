package org.ptreplay.trace.importer;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ptreplay.trace.TraceEvent;

/**
 * Puts a new task's events after the Fork that creates it. strace -f prints a child's first
 * calls as soon as it runs, which is often before the parent's {@code <... clone resumed>} line
 * that names the child (a vfork child's execve always is), but a replay must see the fork first.
 *
 * <p>While some clone is unfinished, events of a task that no Fork has announced are held; the
 * Fork that names the task releases them right after itself. When no clone is pending any more,
 * held tasks were not children of the traced tasks (attached mid-run) and go out as they are.
 * At most {@code cap} events are held, so memory stays bounded on any input.
 */
final class ForkOrder {
    private record Held(long timeNs, TraceEvent event) {
    }

    private final Emitter emitter;
    private final int cap;
    private final Set<Integer> released = new HashSet<>();
    private final Map<Integer, ArrayDeque<Held>> held = new LinkedHashMap<>();
    private int heldCount;
    private int pendingClones;

    ForkOrder(Emitter emitter, int cap) {
        this.emitter = emitter;
        this.cap = cap;
    }

    /**
     * A line of {@code pid} was read. A task first seen while no clone is pending needs no
     * announcement (the traced root, a task attached mid-run).
     */
    void seen(int pid) {
        if (pendingClones == 0 && !held.containsKey(pid)) {
            released.add(pid);
        }
    }

    void submit(int pid, long timeNs, TraceEvent e) {
        seen(pid);
        if (!released.contains(pid)) {
            held.computeIfAbsent(pid, p -> new ArrayDeque<>()).add(new Held(timeNs, e));
            if (++heldCount > cap) {
                releaseAll();
            }
            return;
        }
        emitter.emit(timeNs, e);
    }

    void cloneStarted() {
        pendingClones++;
    }

    /** An unfinished clone returned or was abandoned. */
    void cloneEnded() {
        if (pendingClones > 0 && --pendingClones == 0) {
            releaseAll();
        }
    }

    /** The Fork naming {@code child} was just submitted: the child's held events follow it. */
    void forked(int child) {
        released.add(child);
        ArrayDeque<Held> q = held.remove(child);
        if (q != null) {
            heldCount -= q.size();
            for (Held h : q) {
                emitter.emit(h.timeNs, h.event);
            }
        }
    }

    /** The task's last line was seen; a later task with the same pid must be announced again. */
    void gone(int pid) {
        released.remove(pid);
    }

    /** The end of the recording: nothing more can announce the held tasks. */
    void releaseAll() {
        for (Iterator<Map.Entry<Integer, ArrayDeque<Held>>> it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, ArrayDeque<Held>> en = it.next();
            it.remove();
            released.add(en.getKey());
            for (Held h : en.getValue()) {
                emitter.emit(h.timeNs, h.event);
            }
        }
        heldCount = 0;
    }
}
