package org.ptreplay.tools.plugin;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads the built-in providers and every plugin jar of the plugin directories into a
 * {@link RegistryBuilder}. A jar that cannot be loaded becomes one problem; the others load.
 */
final class PluginLoader {

    private static final Set<String> SERVICES =
            ProviderKind.ALL.stream().map(k -> k.type().getName()).collect(Collectors.toUnmodifiableSet());

    private final RegistryBuilder registry = new RegistryBuilder();

    RegistryBuilder registry() {
        return registry;
    }

    /** The providers shipped with ptreplay: named modules of the boot layer and the class path. */
    void loadBuiltIns() {
        ClassLoader loader = PluginLoader.class.getClassLoader();
        registry.addAll(Origin.BUILT_IN, new RegistryBuilder.ProviderSource() {
            @Override
            public <T> List<ServiceScan.Result<T>> scan(Class<T> service) {
                return ServiceScan.scan(ServiceLoader.load(service, loader), service, type -> true, null);
            }
        });
    }

    /** Every {@code *.jar} of {@code dir}, in file-name order. */
    void loadDirectory(Path dir) {
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            registry.fail(dir.toString(), null, "cannot list the plugin directory (" + e.getMessage() + ")");
            return;
        }
        jars.forEach(this::loadJar);
    }

    void loadJar(Path jar) {
        ModuleLayer layer;
        try {
            layer = PluginLayers.load(jar);
        } catch (PluginLayers.RefusedException e) {
            registry.fail(jar.toString(), null, e.getMessage());
            return;
        }
        Module module = layer.modules().iterator().next();
        ModuleDescriptor descriptor = module.getDescriptor();
        List<String> provided = descriptor.provides().stream().map(ModuleDescriptor.Provides::service).sorted().toList();
        if (provided.stream().noneMatch(SERVICES::contains)) {
            registry.fail(jar.toString(), null, "module " + descriptor.name() + " provides none of the services"
                    + " ptreplay looks up (" + String.join(", ", SERVICES.stream().sorted().toList()) + ")");
            return;
        }
        registry.addAll(new Origin.PluginJar(jar), new RegistryBuilder.ProviderSource() {
            @Override
            public <T> List<ServiceScan.Result<T>> scan(Class<T> service) {
                return ServiceScan.scan(ServiceLoader.load(layer, service), service,
                        type -> type.getModule() == module, module);
            }
        });
    }
}
