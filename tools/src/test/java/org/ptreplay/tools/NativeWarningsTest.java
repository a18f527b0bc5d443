package org.ptreplay.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A native run's warnings reach stderr as "ptreplay: warning:", like every other command's; its other notes stay in the report. */
class NativeWarningsTest {

    @Test
    void onlyTheWarningNotesGoToStderrInTheCommonForm() {
        StringWriter err = new StringWriter();
        NativeOptions.warnings(List.of(
                "THP set to 4K=always for the runs, and restored afterwards.",
                "Warning: the runs could not be kept on one CPU (sched_setaffinity failed).",
                "exit is not timed: a task cannot time its own teardown."), new PrintWriter(err));
        assertEquals("ptreplay: warning: the runs could not be kept on one CPU (sched_setaffinity failed)."
                + System.lineSeparator(), err.toString());
    }
}
