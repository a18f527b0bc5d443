package org.ptreplay.core.replay;

import java.net.URL;
import java.security.CodeSource;
import java.util.List;
import org.ptreplay.core.ledger.StrategyContractException;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.spi.Strategy;

/**
 * Puts a cell's failure on the plugin strategy it came from: the first strategy of the cell that
 * is not part of ptreplay (outside the boot module layer) and whose code is on the failure's
 * stack, or whose return value broke its contract ({@link StrategyContractException}). Plugin code is not ptreplay's to fix, so its failure is the plugin's sentence, naming
 * the module and the jar, never an "internal error"; and it stops only its own cell.
 */
final class PluginBlame {
    private PluginBlame() {
    }

    /**
     * The plugin strategy {@code cause} came from, or null. An OutOfMemoryError is the plugin's
     * only when the plugin itself allocated (its frame is the innermost one outside the JDK):
     * when the model's state filled the heap under a plugin's call, the cell's size is to blame.
     */
    static Strategy culprit(Throwable cause, SimConfig config) {
        List<Strategy> strategies = List.of(config.movePtes(), config.pgtableMove(), config.copyPtes(), config.zapPtes(),
                config.changePtes());
        for (Strategy s : strategies) {
            Class<?> c = s.getClass();
            if (c.getModule().getLayer() == ModuleLayer.boot()) {
                continue;
            }
            if (cause instanceof StrategyContractException broken ? broken.strategy() == s
                    : cause instanceof OutOfMemoryError ? allocatedBy(cause, c) : onStack(cause, c)) {
                return s;
            }
        }
        return null;
    }

    /** The sentence naming the plugin, its module and jar, and what it threw, or null when no plugin is to blame. */
    static String of(Throwable cause, SimConfig config) {
        Strategy s = culprit(cause, config);
        if (s == null) {
            return null;
        }
        Class<?> c = s.getClass();
        String what = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " (" + oneLine(cause.getMessage()) + ")");
        if (cause.getCause() != null && cause instanceof org.ptreplay.core.sim.ReplayException) {
            what = "a runaway loop (" + oneLine(cause.getCause().getMessage()) + " in one event)";
        }
        return "plugin strategy " + name(s) + " from module " + c.getModule().getName() + " (" + jar(c) + ") failed with "
                + what + "; this cell stopped there, the other cells ran to the end, and the plugin's author should see this.";
    }

    /** The plugin's name, or its class's when even {@code name()} fails now. */
    private static String name(Strategy s) {
        try {
            return oneLine(s.name());
        } catch (Throwable e) {
            return s.getClass().getName();
        }
    }

    private static boolean onStack(Throwable t, Class<?> c) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            for (StackTraceElement e : x.getStackTrace()) {
                if (ours(e, c)) {
                    return true;
                }
            }
            if (x instanceof StackOverflowError || x instanceof LinkageError) {
                // An AbstractMethodError is thrown at the call site, in ptreplay's frame: blame the class it names.
                if (x.getMessage() != null && x.getMessage().contains(c.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean allocatedBy(Throwable oom, Class<?> c) {
        for (StackTraceElement e : oom.getStackTrace()) {
            String name = e.getClassName();
            if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                return ours(e, c);
            }
        }
        return false;
    }

    private static boolean ours(StackTraceElement e, Class<?> c) {
        return e.getClassName().startsWith(c.getPackageName() + ".") || e.getClassName().equals(c.getName());
    }

    private static String jar(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        URL where = source == null ? null : source.getLocation();
        return where == null ? "an unknown jar" : where.getPath();
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\p{Cntrl}", " ");
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }
}
