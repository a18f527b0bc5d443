package org.ptreplay.core.replay;

import java.net.URL;
import java.security.CodeSource;
import java.util.List;
import org.ptreplay.core.sim.SimConfig;
import org.ptreplay.spi.Strategy;

/**
 * Puts a cell's failure on the plugin strategy it came from: the first strategy of the cell that
 * is not part of ptreplay (outside the boot module layer) and whose code is on the failure's
 * stack. Plugin code is not ptreplay's to fix, so its failure is the plugin's sentence, naming
 * the jar, never an "internal error".
 */
final class PluginBlame {
    private PluginBlame() {
    }

    /** The sentence naming the plugin, its jar and what it threw, or null when no plugin is on the stack. */
    static String of(Throwable cause, SimConfig config) {
        List<Strategy> strategies = List.of(config.movePtes(), config.pgtableMove(), config.copyPtes(), config.zapPtes(),
                config.changePtes());
        for (Strategy s : strategies) {
            Class<?> c = s.getClass();
            if (c.getModule().getLayer() == ModuleLayer.boot() || !onStack(cause, c)) {
                continue;
            }
            return "plugin strategy " + s.name() + " from " + jar(c) + " failed with " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " (" + oneLine(cause.getMessage()) + ")")
                    + "; the replay stopped there, and the plugin's author should see this.";
        }
        return null;
    }

    private static boolean onStack(Throwable t, Class<?> c) {
        String prefix = c.getPackageName() + ".";
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            for (StackTraceElement e : x.getStackTrace()) {
                if (e.getClassName().startsWith(prefix) || e.getClassName().equals(c.getName())) {
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
