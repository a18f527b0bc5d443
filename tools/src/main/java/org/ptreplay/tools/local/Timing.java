package org.ptreplay.tools.local;

import org.ptreplay.core.value.LedgerSnapshot;
import org.ptreplay.core.value.SimResult;
import org.ptreplay.tools.nativeexec.NativeRun;

/** A workload's times in ns, real and simulated, as the figures read them. */
public record Timing(NativeRun real, SimResult simulated) {

    /**
     * Real ns of one kind in one native run: the calling threads' CPU time, which a busy machine's
     * scheduler does not inflate (docs/native.md); 0 when the kind did not run.
     */
    public double realNs(String kind, int run) {
        return real.cpuRuns().containsKey(kind) ? real.cpuRuns().get(kind).get(run) : 0;
    }

    /** Real ns of every timed kind in one native run. */
    public double realTotalNs(int run) {
        return real.cpuRuns().keySet().stream().mapToDouble(k -> realNs(k, run)).sum();
    }

    /**
     * Simulated ns of one kind. For touches, the page faults only: the executor writes one byte per
     * page, so the user data stream the model adds for a touch (its {@code user} path) is left out.
     */
    public double simNs(String kind) {
        LedgerSnapshot.KindEntry e = simulated.ledger().syscalls().get(kind);
        if (e == null) {
            return 0;
        }
        long ps = e.ps();
        if (kind.equals("touch")) {
            LedgerSnapshot.PathEntry user = simulated.ledger().paths().get("user");
            ps -= user == null ? 0 : user.ps();
        }
        return ps / 1000.0;
    }

    /** Simulated ns of every kind the executor times (exit is not timed natively). */
    public double simTotalNs() {
        return simulated.ledger().syscalls().keySet().stream().filter(k -> !k.equals("exit")).mapToDouble(this::simNs).sum();
    }
}
