package org.ptreplay.tools.plugin;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Turns one plugin jar into a module layer of its own, whose parent is the boot layer. */
final class PluginLayers {

    /** The jar cannot be loaded; the message is the reason. */
    static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String reason) {
            super(reason);
        }
    }

    /**
     * The ptreplay modules a plugin may read (issue 14): the SPI, and the trace format that the
     * SPI's workload generators emit (which the SPI requires transitively).
     */
    static final List<String> PLUGIN_API = List.of("org.ptreplay.spi", "org.ptreplay.trace");

    private PluginLayers() {
    }

    /**
     * A modular jar is its module; a plain jar becomes an automatic module (named after the jar
     * or its Automatic-Module-Name) whose {@code META-INF/services} entries become its
     * {@code provides}.
     *
     * @return the layer; its only module is the jar's
     */
    static ModuleLayer load(Path jar) throws RefusedException {
        ModuleFinder jarFinder = ModuleFinder.of(jar);
        ModuleDescriptor descriptor = describe(jarFinder, jar);
        ModuleLayer boot = ModuleLayer.boot();
        if (boot.findModule(descriptor.name()).isPresent()) {
            throw new RefusedException("its module " + descriptor.name()
                    + " has the name of a module ptreplay already loads");
        }
        for (ModuleDescriptor.Requires requires : descriptor.requires()) {
            if (requires.name().startsWith("org.ptreplay.") && !PLUGIN_API.contains(requires.name())) {
                throw new RefusedException("module " + descriptor.name() + " requires " + requires.name()
                        + ", but a plugin may require only " + String.join(" and ", PLUGIN_API)
                        + " of ptreplay's modules (the simulator is not a plugin API)");
            }
            if (!requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)
                    && boot.findModule(requires.name()).isEmpty()) {
                throw new RefusedException("module " + descriptor.name() + " requires " + requires.name()
                        + ", which ptreplay does not load (a plugin may require only ptreplay's modules"
                        + " and the JDK's)");
            }
        }
        Configuration configuration;
        try {
            // resolveAndBind(before, after, roots) looks each module up in `before`, then in the
            // parent configuration (the boot layer), and only then in `after`. With the jar as the
            // *after* finder, ptreplay's own modules always win: whatever name a plugin's module has,
            // it can never replace core (two copies of the SPI would make every provider a
            // stranger to ptreplay). The before finder is empty. The name check above turns that
            // silent preference into a clear refusal.
            configuration = boot.configuration()
                    .resolveAndBind(ModuleFinder.of(), jarFinder, Set.of(descriptor.name()));
        } catch (ResolutionException e) {
            throw new RefusedException("module " + descriptor.name() + " cannot be resolved: " + e.getMessage());
        }
        try {
            return boot.defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader());
        } catch (LayerInstantiationException e) {
            throw new RefusedException("module " + descriptor.name() + " cannot be loaded: " + e.getMessage());
        }
    }

    private static ModuleDescriptor describe(ModuleFinder jarFinder, Path jar) throws RefusedException {
        Set<ModuleReference> modules;
        try {
            modules = jarFinder.findAll();
        } catch (FindException e) {
            Throwable cause = rootCause(e);
            if (cause instanceof IOException) {
                throw new RefusedException("not a readable jar file (" + cause.getMessage() + ")");
            }
            throw new RefusedException("not a usable module (" + cause.getMessage() + ")");
        }
        // Given one *.jar file, the finder yields that jar's module or throws.
        return modules.iterator().next().descriptor();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
