package org.ptreplay.tools.replay;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr, redrawn four times a second: events done (of the total when the
 * trace header knows it) and events per second. Only when stderr is a terminal
 * ({@link System#console()}); silent otherwise, so redirected output stays clean.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int BAR = 30;

    private final ScheduledExecutorService timer;
    private final PrintWriter err;

    private ProgressBar(ScheduledExecutorService timer, PrintWriter err) {
        this.timer = timer;
        this.err = err;
    }

    /** Starts the bar when stderr is a terminal; otherwise returns a bar that draws nothing. */
    public static ProgressBar start(PrintWriter err, LongSupplier done, long total) {
        if (System.console() == null) {
            return new ProgressBar(null, err);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ptreplay-progress");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            err.print("\r" + line(done.getAsLong(), total, System.nanoTime() - start));
            err.flush();
        }, 250, 250, TimeUnit.MILLISECONDS);
        return new ProgressBar(timer, err);
    }

    /**
     * One progress line, e.g. {@code [=======>      ] 30% 1200000/4000000 events, 2.1 M events/s, ETA 1m23s}
     * (below 1 M/s: {@code 850 events/s}). Without a total (a trace whose header has no
     * event_count_hint) only the events done and the rate; the ETA assumes the rate so far holds.
     */
    static String line(long done, long total, long elapsedNanos) {
        double rate = elapsedNanos <= 0 ? 0 : done * 1e9 / elapsedNanos;
        String speed = rate >= 1e6 ? String.format(Locale.ROOT, "%.1f M events/s", rate / 1e6)
                : String.format(Locale.ROOT, "%.0f events/s", rate);
        if (total <= 0) {
            return done + " events, " + speed;
        }
        int filled = (int) Math.min(BAR, done * BAR / total);
        String bar = "=".repeat(filled) + (filled < BAR ? ">" + " ".repeat(BAR - filled - 1) : "");
        long percent = Math.min(100, done * 100 / total);
        String eta = rate <= 0 || done >= total ? "" : ", ETA " + duration((long) Math.ceil((total - done) / rate));
        return "[" + bar + "] " + percent + "% " + done + "/" + total + " events, " + speed + eta;
    }

    /** Whole seconds as {@code 45s}, {@code 1m23s}, {@code 2h05m}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** Stops drawing and clears the line. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            err.print("\r\033[K");
            err.flush();
        }
    }
}
