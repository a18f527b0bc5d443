package org.ptreplay.trace.importer;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ptreplay.trace.Flags;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

/**
 * Imports {@code perf script} text of a recording made with the tracepoints that
 * {@link Recorder#EVENTS} lists: page faults, the memory syscalls, task creation, exec and exit.
 *
 * <p>Accepted line layout: {@code [COMM] PID[/TID] [[CPU]] SECONDS.FRACTION: SUBSYSTEM:EVENT: FIELDS},
 * which covers perf's default output and {@link Recorder#SCRIPT_FIELDS}; a comm may contain
 * spaces ({@code C2 CompilerThre}). With {@code PID/TID} the thread group is known from the
 * line itself; otherwise from the clone flags.
 *
 * <ul>
 *   <li>{@code exceptions:page_fault_user}: a one-page {@code Touch} at the page holding
 *       {@code address}; a write when bit 1 of {@code error_code} is set (x86 X86_PF_WRITE,
 *       arch/x86/include/asm/trap_pf.h). The tracepoint exists on x86 only.</li>
 *   <li>{@code syscalls:sys_enter_X} / {@code sys_exit_X} for the memory calls: paired per
 *       thread into one event at the exit, with the exit's value as result (negative values are
 *       -errno). An enter without an exit is dropped and counted.</li>
 *   <li>{@code sched:sched_process_fork}: a {@code Fork}, with clone flags from, in this order:
 *       the {@code task:task_newtask} line of the same child; the parent thread's
 *       {@code syscalls:sys_enter_clone} (its {@code clone_flags} without the exit signal, as
 *       kernel/fork.c passes them on), {@code sys_enter_fork} (0) or {@code sys_enter_vfork}
 *       (CLONE_VFORK|CLONE_VM); else the thread-group id of the child's first line
 *       ({@link ForkResolver}). Without {@code PID/TID} on the lines and without flags, a
 *       fork reads as a new process (flags 0), counted as unknown.</li>
 *   <li>{@code sched:sched_process_exec}: an {@code Exec} (the tracepoint fires on success only).</li>
 *   <li>{@code sched:sched_process_exit}: an {@code Exit} of that thread alone (the kernel reports
 *       every thread), with the code that {@code sys_enter_exit} or {@code sys_enter_exit_group}
 *       asked for, or 0 when neither was seen (a kill by a signal is not visible here).</li>
 * </ul>
 * Other events are skipped and counted by name. Known gap: when a non-leader thread execs, the
 * kernel reports the old leader's exit before the exec that takes over its pid; this importer
 * writes both as they come.
 *
 * <p>Page faults show every first touch only if each fault maps one page: record with THP and
 * every mTHP size set to {@code never} (see {@link Recorder}). File mappings still map up to
 * {@code fault_around_bytes} around a read fault, so their faults undercount touched pages.
 */
public final class PerfScriptImporter implements TraceImporter {
    private static final Pattern LINE = Pattern.compile(
            "\\s*(?:.*?\\s+)?(\\d+)(?:/(\\d+))?\\s+(?:\\[\\d+\\]\\s+)?(\\d+)\\.(\\d+):\\s+([\\w-]+):([\\w-]+):\\s?(.*)");
    private static final Pattern FAULT = Pattern.compile("address=(\\S+) ip=\\S+ error_code=(0x[0-9a-fA-F]+)");
    private static final Pattern FIELD = Pattern.compile("\\s*\\w+: (0x[0-9a-fA-F]+)\\s*");
    private static final Pattern NEWTASK = Pattern.compile("pid=(\\d+) comm=.* clone_flags=([0-9a-fA-F]+) oom_score_adj=-?\\d+");
    private static final Pattern FORK = Pattern.compile("comm=.* pid=(\\d+) child_comm=.* child_pid=(\\d+)");
    private static final Pattern EXEC = Pattern.compile("filename=.* pid=(\\d+) old_pid=(\\d+)");
    private static final Pattern CLONE_FLAGS = Pattern.compile("(?:.*,)?\\s*clone_flags: (0x[0-9a-fA-F]+)(?:,.*)?");
    private static final Pattern EXIT = Pattern.compile("comm=.* pid=(\\d+) prio=-?\\d+(?: group_dead=\\w+)?");
    /** The exit signal in clone's flags, which kernel/fork.c strips before copy_process (include/uapi/linux/sched.h). */
    private static final long CSIGNAL = 0xff;
    /** At most this many events wait for undecided forks (a thread's first line follows its fork within a few). */
    private static final int HELD_CAP = 1 << 16;
    /** x86 page fault error code: the access was a write (arch/x86/include/asm/trap_pf.h). */
    private static final long PF_WRITE = 1 << 1;

    @Override
    public TraceHeader.SourceKind sourceKind() {
        return TraceHeader.SourceKind.PERF;
    }

    /** @throws IllegalArgumentException if populate is not NONE: perf records the real page faults */
    @Override
    public ImportResult importTo(Reader in, String fileName, ImportOptions opts, Consumer<? super TraceEvent> out)
            throws IOException, ImportException {
        if (opts.populate() != Populate.NONE) {
            throw new IllegalArgumentException("Populate applies to strace imports only: perf records the real page faults.");
        }
        Run run = new Run(fileName, opts.pageSize(), out);
        LineSource src = new LineSource(in, fileName);
        String line;
        while ((line = src.next()) != null) {
            run.line(line, src.number());
        }
        run.forks.finish();
        run.stats.unfinished += run.pending.size();
        return new ImportResult(header(fileName, opts), run.stats.snapshot(src.number()));
    }

    private static final class Run {
        private record Enter(String name, long[] args) {
        }

        private record CloneCall(long flags, String source) {
        }

        final StatsCounter stats;
        final Map<Integer, Enter> pending = new HashMap<>();
        private final String fileName;
        private final long pageMask;
        private final Tasks tasks = new Tasks();
        final ForkResolver forks;
        private final Map<Integer, Long> newTaskFlags = new HashMap<>();
        /** The clone, fork or vfork each thread entered, by thread: its next fork's flags. */
        private final Map<Integer, CloneCall> cloneCalls = new HashMap<>();
        /** The current line shows {@code PID/TID}, so the thread-group rule applies. */
        private boolean lineHasTgid;

        Run(String fileName, int pageSize, Consumer<? super TraceEvent> out) {
            this.fileName = fileName;
            this.pageMask = pageSize - 1L;
            this.stats = new StatsCounter();
            this.forks = new ForkResolver(new Emitter(out, stats), tasks, stats, HELD_CAP);
        }

        void line(String text, long number) throws ImportException {
            if (text.isBlank() || text.stripLeading().startsWith("#")) {
                return;
            }
            Matcher m = LINE.matcher(text);
            if (!m.matches()) {
                stats.unparsed(fileName, number, "perf script");
                return;
            }
            String subsystem = m.group(5);
            String event = m.group(6);
            String fields = m.group(7);
            try {
                lineHasTgid = m.group(2) != null;
                int tid = lineHasTgid ? pid(m.group(2)) : pid(m.group(1));
                if (lineHasTgid) {
                    forks.seen(pid(m.group(1)), tid);
                }
                Tasks.Task task = tasks.get(tid);
                if (lineHasTgid && task.provisional) {
                    task.tgid = pid(m.group(1));
                }
                long time = time(m.group(3), m.group(4));
                switch (subsystem + ":" + event) {
                    case "exceptions:page_fault_user" -> fault(tid, time, fields);
                    case "task:task_newtask" -> newTask(fields);
                    case "sched:sched_process_fork" -> fork(time, fields);
                    case "sched:sched_process_exec" -> exec(time, fields);
                    case "sched:sched_process_exit" -> exit(time, fields);
                    default -> {
                        if (subsystem.equals("syscalls") && event.startsWith("sys_enter_")) {
                            enter(tid, event.substring("sys_enter_".length()), fields);
                        } else if (subsystem.equals("syscalls") && event.startsWith("sys_exit_")) {
                            exit(tid, time, event.substring("sys_exit_".length()), fields);
                        } else {
                            stats.skipped(subsystem + ":" + event);
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new ImportException(fileName, number, "cannot read this " + subsystem + ":" + event
                        + " event: " + e.getMessage());
            }
        }

        private void fault(int tid, long time, String fields) {
            Matcher f = matched(FAULT, fields);
            long addr = Symbols.number(f.group(1));
            boolean write = (Symbols.number(f.group(2)) & PF_WRITE) != 0;
            forks.emit(time, new TraceEvent.Touch(tid, 0, addr & ~pageMask, pageMask + 1, write));
        }

        private void enter(int tid, String name, String fields) {
            if (cloneCall(tid, name, fields)) {
                return;
            }
            boolean mm = MmCalls.NAMES.contains(name);
            if (!mm && !name.equals("exit") && !name.equals("exit_group")) {
                stats.skipped(name);
                return;
            }
            String[] parts = fields.isBlank() ? new String[0] : fields.split(",", -1);
            long[] args = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                args[i] = Symbols.number(matched(FIELD, parts[i]).group(1));
            }
            if (mm) {
                if (pending.put(tid, new Enter(name, args)) != null) {
                    stats.unfinished++;
                }
            } else if (args.length != 1) {
                throw new IllegalArgumentException("it has " + args.length + " fields where 1 was expected");
            } else if (name.equals("exit")) {
                tasks.get(tid).exitCode = (int) args[0];
            } else {
                tasks.groupExitCode(tid, (int) args[0]);
            }
        }

        private void exit(int tid, long time, String name, String fields) {
            if (!MmCalls.NAMES.contains(name)) {
                return;   // counted at its enter
            }
            Enter e = pending.get(tid);
            if (e == null || !e.name().equals(name)) {
                stats.orphanReturns++;
                return;
            }
            pending.remove(tid);
            long result = Symbols.number(fields.strip());
            forks.emit(time, MmCalls.event(name, tid, e.args(), result));
        }

        private void newTask(String fields) {
            Matcher m = matched(NEWTASK, fields);
            newTaskFlags.put(pid(m.group(1)), Long.parseUnsignedLong(m.group(2), 16));
        }

        /** Notes the flags of a clone-family call; true if it was one. */
        private boolean cloneCall(int tid, String name, String fields) {
            long flags;
            switch (name) {
                case "clone" -> flags = Symbols.number(matched(CLONE_FLAGS, fields).group(1)) & 0xffff_ffffL & ~CSIGNAL;
                case "fork" -> flags = 0;
                case "vfork" -> flags = Flags.CLONE_VFORK | Flags.CLONE_VM;
                case "clone3" -> {
                    cloneCalls.remove(tid);   // its flags are in user memory
                    return true;
                }
                default -> {
                    return false;
                }
            }
            cloneCalls.put(tid, new CloneCall(flags, "syscalls:sys_enter_" + name));
            return true;
        }

        private void fork(long time, String fields) {
            Matcher m = matched(FORK, fields);
            int parent = pid(m.group(1));
            int child = pid(m.group(2));
            Long flags = newTaskFlags.remove(child);
            CloneCall called = cloneCalls.remove(parent);
            if (flags != null) {
                forks.fork(time, parent, child, flags, "task:task_newtask");
            } else if (called != null) {
                forks.fork(time, parent, child, called.flags(), called.source());
            } else if (lineHasTgid) {
                forks.forkByThreadGroup(time, parent, child);
            } else {
                forks.fork(time, parent, child, 0, ImportStats.FLAGS_UNKNOWN);
            }
        }

        private void exec(long time, String fields) {
            Matcher m = matched(EXEC, fields);
            int pid = pid(m.group(1));
            int old = pid(m.group(2));
            if (old != pid) {
                forks.execByThread(old);
                forks.emit(time, new TraceEvent.Exit(old, 0, 0, false));
                tasks.remove(old);
                pending.remove(old);
            }
            forks.emit(time, new TraceEvent.Exec(pid, 0, 0));
            tasks.exec(pid);
        }

        private void exit(long time, String fields) {
            int pid = pid(matched(EXIT, fields).group(1));
            cloneCalls.remove(pid);
            if (pending.remove(pid) != null) {
                stats.unfinished++;
            }
            forks.emit(time, new TraceEvent.Exit(pid, 0, tasks.get(pid).exitCode, false));
            tasks.remove(pid);
        }

        private static Matcher matched(Pattern p, String text) {
            Matcher m = p.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text.strip() + "' is not in the expected form");
            }
            return m;
        }

        private static int pid(String digits) {
            if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(digits + " is too large for a pid");
            }
            return Integer.parseInt(digits);
        }

        private static long time(String seconds, String fraction) {
            if (seconds.length() > 10 || Long.parseLong(seconds) > Long.MAX_VALUE / 1_000_000_000L - 1) {
                throw new IllegalArgumentException("the timestamp " + seconds + " is out of range");
            }
            long ns = Long.parseLong(fraction.length() > 9 ? fraction.substring(0, 9) : fraction);
            for (int k = fraction.length(); k < 9; k++) {
                ns *= 10;
            }
            return Long.parseLong(seconds) * 1_000_000_000L + ns;
        }
    }
}
