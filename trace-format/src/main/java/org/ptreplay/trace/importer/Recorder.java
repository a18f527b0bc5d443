package org.ptreplay.trace.importer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records a command with {@code perf record} on the kernel tracepoints that
 * {@link PerfScriptImporter} reads: every page fault in user space, the memory syscalls,
 * task creation, exec and exit.
 *
 * <p>Record with large folios off, so that every first touch of an anonymous page is one fault:
 * with THP or an mTHP size enabled, one fault maps up to 2 MiB and the trace undercounts
 * touches. As root:
 * <pre>
 * echo never &gt; /sys/kernel/mm/transparent_hugepage/enabled
 * for f in /sys/kernel/mm/transparent_hugepage/hugepages-*&#47;enabled; do echo never &gt; $f; done
 * </pre>
 * The header records the settings in force, whatever they are.
 *
 * <p>Needs perf and permission to trace: root, or {@code kernel.perf_event_paranoid = -1} and a
 * readable tracefs. The page-fault tracepoint exists on x86 only.
 */
public final class Recorder {
    /** The memory syscalls whose enter and exit are recorded. */
    private static final List<String> SYSCALLS = List.of("mmap", "munmap", "mremap", "brk", "madvise", "mprotect");

    /** The tracepoints recorded, in the order given to {@code perf record -e}. */
    public static final List<String> EVENTS = events();

    /** The {@code perf script -F} fields: pid/tid tells threads apart, ns times. */
    public static final String SCRIPT_FIELDS = "trace:comm,pid,tid,time,event,trace";

    private static final int STDERR_TAIL = 8192;
    private static final Pattern LOST = Pattern.compile("lost (\\d+) chunks");
    private static final Pattern WORKLOAD = Pattern.compile("Failed to collect .* workload: (.*)");

    private final String perf;
    private final MachineProbe probe;
    private final OutputStream stderrEcho;
    private final Path tempParent;

    /**
     * Runs {@code perf} from the PATH, echoes the command's standard error to this process's and
     * keeps perf's data in the system's temporary directory.
     */
    public Recorder() {
        this("perf", MachineProbe.local(), System.err, Path.of(System.getProperty("java.io.tmpdir")));
    }

    Recorder(String perf, MachineProbe probe, OutputStream stderrEcho, Path tempParent) {
        this.perf = perf;
        this.probe = probe;
        this.stderrEcho = stderrEcho;
        this.tempParent = tempParent;
    }

    private static List<String> events() {
        List<String> e = new ArrayList<>();
        e.add("exceptions:page_fault_user");
        for (String s : SYSCALLS) {
            e.add("syscalls:sys_enter_" + s);
            e.add("syscalls:sys_exit_" + s);
        }
        // the exit status of a task: exit and exit_group never return, so only their enter
        e.add("syscalls:sys_enter_exit");
        e.add("syscalls:sys_enter_exit_group");
        // clone flags (thread or process) that sched_process_fork does not carry
        e.add("task:task_newtask");
        e.add("sched:sched_process_fork");
        e.add("sched:sched_process_exec");
        e.add("sched:sched_process_exit");
        return List.copyOf(e);
    }

    /**
     * Runs {@code command} under perf record, its standard input and output connected to this
     * process's. A command that fails is still a recording; its status is in the result.
     *
     * @throws RecordException perf is missing, not permitted, lacks a tracepoint, or could not start the command
     */
    public Recording record(List<String> command) throws RecordException, IOException, InterruptedException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("There is no command to record.");
        }
        Path dir = Files.createTempDirectory(tempParent, "ptreplay-record-");
        Path data = dir.resolve("perf.data");
        boolean ok = false;
        try {
            List<String> argv = new ArrayList<>(List.of(perf, "record", "-o", data.toString(), "-e",
                    String.join(",", EVENTS), "--"));
            argv.addAll(command);
            Process p = start(new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT));
            StreamDrain err = new StreamDrain(p.getErrorStream(), stderrEcho, STDERR_TAIL, "perf record stderr");
            int status = p.waitFor();
            String stderr = err.finish();
            check(command, status, stderr, data);
            Matcher lost = LOST.matcher(stderr);
            Recording r = new Recording(perf, dir, data, List.copyOf(command), status,
                    lost.find() ? Long.parseLong(lost.group(1)) : 0, probe.probe());
            ok = true;
            return r;
        } finally {
            if (!ok) {
                Recording.delete(dir);
            }
        }
    }

    private Process start(ProcessBuilder pb) throws RecordException {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new RecordException("Cannot run " + perf + ": install perf (Debian: apt-get install linux-perf; "
                    + "Ubuntu: apt-get install linux-tools-$(uname -r)) and put it on the PATH.");
        }
    }

    /** Tells perf's own failures, with how to fix them, from the command's exit status. */
    private static void check(List<String> command, int status, String stderr, Path data) throws RecordException {
        Matcher workload = WORKLOAD.matcher(stderr);
        if (workload.find()) {
            throw new RecordException("perf could not start '" + command.get(0) + "': " + workload.group(1).strip() + ".");
        }
        long size;
        try {
            size = Files.exists(data) ? Files.size(data) : 0;
        } catch (IOException e) {
            size = 0;
        }
        if (size > 0) {
            return;
        }
        String lower = stderr.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("permission") || lower.contains("paranoid") || lower.contains("not permitted")) {
            throw new RecordException("perf may not record kernel tracepoints here (kernel.perf_event_paranoid is "
                    + paranoid() + "): run as root, or run 'sysctl kernel.perf_event_paranoid=-1' and make "
                    + "/sys/kernel/tracing readable to you.");
        }
        if (lower.contains("unknown tracepoint")) {
            throw new RecordException("This kernel lacks a tracepoint that recording needs (one of "
                    + String.join(", ", EVENTS) + "): exceptions:page_fault_user exists only on x86, and the "
                    + "syscalls tracepoints need CONFIG_FTRACE_SYSCALLS.");
        }
        String last = stderr.strip().isEmpty() ? "no message" : lastLine(stderr);
        throw new RecordException("perf record failed with status " + status + " and wrote no data (" + last + ").");
    }

    private static String paranoid() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
