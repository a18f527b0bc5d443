package org.ptreplay.tools.trace;

import java.util.List;
import java.util.Map;
import org.ptreplay.core.sim.Kernel;
import org.ptreplay.core.sim.ReplayException;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.core.value.VmaInfo;
import org.ptreplay.spi.Architecture;
import org.ptreplay.trace.TraceEvent;
import org.ptreplay.trace.TraceHeader;

/**
 * A VMA-level replay on core's simulated kernel: every event but touches, with population
 * switched off ({@link SimConfig#vmaOnly}), so no page table is ever built and it runs at syscall
 * speed whatever sizes the trace names. It supplies the results a trace does not record
 * (generated and hand-written traces) and the VMAs at fork time.
 *
 * <p>A result the trace recorded always wins over the model's: it is what Linux did. If the model
 * refuses an event (a {@link ReplayException}), the replay stops there and says so in
 * {@link #stopped()}; results unknown from then on stay unknown.
 */
public final class VmaReplay {
    private Kernel kernel;
    private String stopped = "";

    /**
     * @param arm64 the arm64 architecture, used for 16K and 64K pages and aarch64 recordings
     * @param x86   the x86 architecture, used for the rest
     * @throws IllegalArgumentException one sentence: the trace's page size has no architecture
     */
    public VmaReplay(TraceHeader header, Architecture x86, Architecture arm64) {
        int page = PageSize.of(header);
        String granule = PageSize.arm64Granule(page);
        boolean arm = page != 4096 || header.machine().arch().equals("aarch64");
        SimConfig config = arm
                ? SimConfig.builder(arm64).archOptions(Map.of("granule", granule)).vmaOnly(true).build()
                : SimConfig.builder(x86).vmaOnly(true).build();
        this.kernel = new Kernel(config);
    }

    /**
     * Replays {@code e} (touches are skipped) and returns its effective result: the recorded one
     * if known, else the model's, else {@link TraceEvent#UNKNOWN_RESULT}.
     */
    public long apply(long index, TraceEvent e) {
        long recorded = Results.recorded(e);
        if (e instanceof TraceEvent.Touch || kernel == null || refused(e)) {
            return recorded;
        }
        long model;
        try {
            model = kernel.apply(index, e);
        } catch (ReplayException x) {
            stopped = x.getMessage();
            kernel = null;
            return recorded;
        }
        return Results.known(recorded) ? recorded : model;
    }

    /** The VMAs of a task in the model, in address order; empty once the replay has stopped. */
    public List<VmaInfo> vmas(int pid) {
        return kernel == null || pid <= 0 ? List.of() : kernel.vmas(pid);
    }

    /** Why the replay stopped early, or empty. */
    public String stopped() {
        return stopped;
    }

    /** Events the kernel refuses outright; {@code check} reports them, the replay passes over them. */
    private static boolean refused(TraceEvent e) {
        return e.pid() <= 0 || (e instanceof TraceEvent.Fork f && f.childPid() <= 0);
    }
}
