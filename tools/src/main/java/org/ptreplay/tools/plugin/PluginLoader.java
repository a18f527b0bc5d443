package org.ptreplay.tools.plugin;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ptreplay.spi.loader.Origin;
import org.ptreplay.spi.loader.ProviderKind;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.ProvidersBuilder;

/**
 * The built-in providers plus every plugin jar of the plugin directories, each jar in a module
 * layer of its own ({@link PluginLayers}). Checking and lookup are the SPI loader's
 * ({@link Providers}); this class only turns jars into layers. A jar that cannot be loaded becomes
 * one problem; the others load.
 */
public final class PluginLoader {

    private static final Set<String> SERVICES =
            ProviderKind.ALL.stream().map(k -> k.type().getName()).collect(Collectors.toUnmodifiableSet());

    private final ProvidersBuilder providers;

    private PluginLoader(ProvidersBuilder providers) {
        this.providers = providers;
    }

    /** The built-in providers plus the jars in {@code pluginDirs}, in the order given. */
    public static Providers load(List<Path> pluginDirs) {
        return load(pluginDirs, Providers.builder());
    }

    /** {@link #load(List)} into {@code builder}: tests shorten its layer timeout. */
    static Providers load(List<Path> pluginDirs, ProvidersBuilder builder) {
        PluginLoader loader = new PluginLoader(builder);
        loader.providers.addBuiltIns(PluginLoader.class.getClassLoader());
        pluginDirs.forEach(loader::loadDirectory);
        return loader.providers.build();
    }

    /** Every {@code *.jar} of {@code dir}, in file-name order. */
    private void loadDirectory(Path dir) {
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            providers.fail(dir.toString(), null, "cannot list the plugin directory (" + e.getMessage() + ")");
            return;
        }
        jars.forEach(this::loadJar);
    }

    private void loadJar(Path jar) {
        ModuleLayer layer;
        try {
            layer = PluginLayers.load(jar);
        } catch (PluginLayers.RefusedException e) {
            providers.fail(jar.toString(), null, e.getMessage());
            return;
        }
        Module module = layer.modules().iterator().next();
        ModuleDescriptor descriptor = module.getDescriptor();
        List<String> provided = descriptor.provides().stream().map(ModuleDescriptor.Provides::service).sorted().toList();
        if (provided.stream().noneMatch(SERVICES::contains)) {
            providers.fail(jar.toString(), null, "module " + descriptor.name() + " provides none of the services"
                    + " ptreplay looks up (" + String.join(", ", SERVICES.stream().sorted().toList()) + ")");
            return;
        }
        providers.addLayer(new Origin.PluginJar(jar), layer, module);
    }
}
