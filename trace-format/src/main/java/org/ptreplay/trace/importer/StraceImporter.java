package org.ptreplay.trace.importer;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

/**
 * Imports the output of {@code strace [-f] [-t|-tt|-ttt] [-T] [-y] -e trace=memory,process -o FILE CMD}.
 *
 * <p>What becomes an event:
 * <ul>
 *   <li>mmap, mmap2, munmap, mremap, brk, madvise, mprotect and pkey_mprotect, failed ones too
 *       (result {@code -errno});</li>
 *   <li>clone, clone3, fork and vfork that created a task: a {@code Fork} whose flags are the
 *       clone flags without the exit signal (fork: 0; vfork: CLONE_VM|CLONE_VFORK), so that
 *       CLONE_VM|CLONE_THREAD tells a thread;</li>
 *   <li>an execve or execveat: an {@code Exec} with its result; a failed one (-errno) leaves the mm alone;</li>
 *   <li>exit and exit_group; and {@code +++ exited with N +++} or {@code +++ killed by SIG +++} for
 *       a task whose exit call was not traced: an {@code Exit} of that task alone, with code N or
 *       128 + the signal number. After an exit_group, the {@code +++} lines of its threads add
 *       nothing.</li>
 * </ul>
 * Every other syscall is skipped and counted by name; signals ({@code ---}) are ignored.
 * A call split into {@code <unfinished ...>} and {@code <... resumed>} becomes one event at the
 * resumed line, when its result is known; a call that never resumes is dropped and counted.
 * A child's events are put after the Fork that creates it (see {@link ForkOrder}). Where a
 * non-leader thread execs ({@code +++ superseded by execve in pid N +++}), that thread's old
 * pid exits and the leader's pid carries on with the exec.
 *
 * <p>strace cannot see page faults: {@link ImportOptions#populate()} decides which first touches
 * to add (see {@link Populate} and {@link Populator}).
 */
public final class StraceImporter implements TraceImporter {
    private static final Set<String> CLONES = Set.of("clone", "clone3", "fork", "vfork");
    private static final Set<String> EXECS = Set.of("execve", "execveat");
    private static final Set<String> EXITS = Set.of("exit", "exit_group");
    /** Events held back for unannounced children before giving up on the order (see ForkOrder). */
    static final int HOLD_CAP = 1 << 20;

    private final int holdCap;

    public StraceImporter() {
        this(HOLD_CAP);
    }

    StraceImporter(int holdCap) {
        this.holdCap = holdCap;
    }

    @Override
    public TraceHeader.SourceKind sourceKind() {
        return TraceHeader.SourceKind.STRACE;
    }

    @Override
    public ImportResult importTo(Reader in, String fileName, ImportOptions opts, Consumer<? super TraceEvent> out)
            throws IOException, ImportException {
        Run run = new Run(fileName, opts, out);
        LineSource src = new LineSource(in, fileName);
        String line;
        while ((line = src.next()) != null) {
            run.line(line, src.number());
        }
        run.finish();
        return new ImportResult(header(fileName, opts), run.stats.snapshot(src.number()));
    }

    /** The state of one import. */
    private final class Run {
        private record Unfinished(String name, String text) {
        }

        final StatsCounter stats = new StatsCounter();
        private final String fileName;
        private final StraceLineParser parser;
        private final ForkOrder order;
        private final Tasks tasks = new Tasks();
        private final Populator populator;
        private final Map<Integer, Unfinished> unfinished = new HashMap<>();
        private long lineNo;

        Run(String fileName, ImportOptions opts, Consumer<? super TraceEvent> out) {
            this.fileName = fileName;
            this.parser = new StraceLineParser(opts.defaultPid());
            this.order = new ForkOrder(new Emitter(out, stats), holdCap);
            this.populator = new Populator(opts.populate(), opts.pageSize());
        }

        void line(String text, long number) throws ImportException {
            lineNo = number;
            StraceLine l = parser.parse(text);
            if (l.kind() != StraceLine.Kind.UNRECOGNIZED && l.kind() != StraceLine.Kind.IGNORED) {
                order.seen(l.pid());
            }
            switch (l.kind()) {
                case IGNORED -> {
                }
                case UNRECOGNIZED -> stats.unparsed(fileName, number, "strace");
                case CALL -> complete(l.pid(), l.timeNs(), l.name(), l.text());
                case UNFINISHED -> {
                    abandon(unfinished.put(l.pid(), new Unfinished(l.name(), l.text())));
                    if (CLONES.contains(l.name())) {
                        order.cloneStarted();
                    }
                }
                case RESUMED -> resumed(l);
                case EXITED -> ended(l.pid(), l.timeNs(), (int) l.number());
                case KILLED -> ended(l.pid(), l.timeNs(), 128 + (int) l.number());
                case SUPERSEDED -> superseded(l.pid(), l.timeNs(), (int) l.number());
            }
        }

        void finish() {
            for (Unfinished u : unfinished.values()) {
                abandon(u);
            }
            unfinished.clear();
            order.releaseAll();
        }

        private void resumed(StraceLine l) throws ImportException {
            Unfinished u = unfinished.get(l.pid());
            if (u == null || !u.name().equals(l.name())) {
                stats.orphanReturns++;
                return;
            }
            unfinished.remove(l.pid());
            complete(l.pid(), l.timeNs(), u.name(), u.text() + l.text());
            if (CLONES.contains(u.name())) {
                order.cloneEnded();   // after the Fork, so that the child's held events follow it
            }
        }

        private void abandon(Unfinished u) {
            if (u != null) {
                stats.unfinished++;
                if (CLONES.contains(u.name())) {
                    order.cloneEnded();
                }
            }
        }

        private void complete(int pid, long time, String name, String text) throws ImportException {
            boolean mm = MmCalls.NAMES.contains(name);
            if (!mm && !CLONES.contains(name) && !EXECS.contains(name) && !EXITS.contains(name)) {
                stats.skipped(name);
                return;
            }
            try {
                CallText call = CallText.parse(text);
                if (mm) {
                    memoryCall(pid, time, call);
                } else if (CLONES.contains(name)) {
                    clone(pid, time, call);
                } else if (EXECS.contains(name)) {
                    exec(pid, time, call);
                } else {
                    exit(pid, time, call);
                }
            } catch (IllegalArgumentException e) {
                throw new ImportException(fileName, lineNo, "cannot read this " + name + " call: " + e.getMessage());
            }
        }

        private void memoryCall(int pid, long time, CallText call) {
            long[] a = new long[call.args().size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = Symbols.value(call.args().get(i));
            }
            TraceEvent e = MmCalls.event(call.name(), pid, a, call.resultValue());
            order.submit(pid, time, e);
            TraceEvent.Touch t = populator.after(e, tasks.get(pid).mm);
            if (t != null) {
                order.submit(pid, time, t);
            }
        }

        private void clone(int pid, long time, CallText call) {
            long result = call.resultValue();
            if (!Populator.succeeded(result) || result == 0 || result > Integer.MAX_VALUE) {
                stats.skipped(call.name() + " (failed)");
                return;
            }
            long flags = cloneFlags(call);
            int child = (int) result;
            order.submit(pid, time, new TraceEvent.Fork(pid, 0, child, flags, result));
            tasks.fork(pid, child, flags);
            order.forked(child);
        }

        private long cloneFlags(CallText call) {
            switch (call.name()) {
                case "fork":
                    return 0;
                case "vfork":
                    return Flags.CLONE_VM | Flags.CLONE_VFORK;
                case "clone": {
                    String f = CallText.named(call.args(), "flags");
                    if (f == null) {
                        throw new IllegalArgumentException("there is no flags= argument");
                    }
                    return Symbols.value(f) & ~Symbols.CSIGNAL;
                }
                default: {   // clone3({flags=..., ...} => {...}, size)
                    String first = call.args().isEmpty() ? "" : call.args().get(0);
                    List<String> fields = new ArrayList<>();
                    if (!first.startsWith("{") || CallText.split(first, 1, '}', fields) < 0) {
                        throw new IllegalArgumentException("the clone_args struct is not printed");
                    }
                    String f = CallText.named(fields, "flags");
                    return f == null ? 0 : Symbols.value(f);   // strace leaves out flags=0
                }
            }
        }

        private void exec(int pid, long time, CallText call) {
            long result = call.resultValue();
            // A failed exec is kept with its -errno: the call happened (summary counts it) and the mm stays.
            order.submit(pid, time, new TraceEvent.Exec(pid, 0, result == 0 ? 0 : result));
            if (result == 0) {
                tasks.exec(pid);
            }
        }

        private void exit(int pid, long time, CallText call) {
            if (call.args().size() != 1) {
                throw new IllegalArgumentException("it has " + call.args().size() + " arguments where 1 was expected");
            }
            int code = (int) Symbols.value(call.args().get(0));
            boolean group = call.name().equals("exit_group");
            order.submit(pid, time, new TraceEvent.Exit(pid, 0, code, group));
            if (group) {
                tasks.exitGroup(pid);
            } else {
                tasks.get(pid).exited = true;
            }
        }

        /** A {@code +++} line: the task is gone. */
        private void ended(int pid, long time, int code) {
            abandon(unfinished.remove(pid));
            if (!tasks.get(pid).exited) {
                order.submit(pid, time, new TraceEvent.Exit(pid, 0, code, false));
            }
            tasks.remove(pid);
            order.gone(pid);
        }

        /** {@code LEADER +++ superseded by execve in pid THREAD +++}: THREAD carries on as LEADER. */
        private void superseded(int leader, long time, int thread) {
            Unfinished u = unfinished.remove(thread);
            if (u != null) {
                abandon(unfinished.put(leader, u));
            }
            if (thread != leader) {
                if (!tasks.get(thread).exited) {
                    order.submit(thread, time, new TraceEvent.Exit(thread, 0, 0, false));
                }
                tasks.remove(thread);
                order.gone(thread);
            }
        }
    }
}
