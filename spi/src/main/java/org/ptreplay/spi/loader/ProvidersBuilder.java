package org.ptreplay.spi.loader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.ptreplay.spi.Provider;
import org.ptreplay.trace.Printable;

/**
 * Collects providers in priority order (built-ins first, then plugin layers in order) and decides
 * each one's status, so that the first provider of a name wins and later ones are reported.
 */
public final class ProvidersBuilder {

    /**
     * How long one plugin layer may take to instantiate and describe its providers. Loading a
     * provider is a constructor and four getters; a layer that takes longer is looping (issue 16,
     * item 10). Its thread is interrupted, which cannot stop a loop that ignores interruption; it
     * is left running as a daemon, which does not keep the JVM alive, and the layer is reported.
     */
    static final Duration LAYER_TIMEOUT = Duration.ofSeconds(10);

    private record Key(ProviderKind<?> kind, String name) {
    }

    /**
     * The plugin being loaded, for {@link ExitWitness}. A plugin that calls {@code System.exit} or
     * {@code Runtime.halt} while it loads ends ptreplay with its own code: Java 17 can only stop
     * that with the deprecated SecurityManager (JEP 411), which ptreplay does not install. What can
     * be done is to say who did it.
     */
    private static final AtomicReference<String> LOADING = new AtomicReference<>();

    /** Registered on the first plugin layer: names the plugin that was loading when the JVM exits. */
    private static final class ExitWitness {
        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                String plugin = LOADING.get();
                if (plugin != null) {
                    System.err.println("ptreplay: the plugin " + plugin + " ended ptreplay (System.exit) while it"
                            + " was being loaded; remove it from the plugin path");
                }
            }, "ptreplay-plugin-exit-witness"));
        }

        static void watch(String plugin) {
            LOADING.set(plugin);
        }
    }

    private final List<PluginEntry> entries = new ArrayList<>();
    private final Map<Key, PluginEntry> accepted = new HashMap<>();
    private final List<Problem> brokenJars = new ArrayList<>();
    private Duration layerTimeout = LAYER_TIMEOUT;

    ProvidersBuilder() {
    }

    /** Shorter waits for tests of looping plugins. */
    public ProvidersBuilder layerTimeout(Duration timeout) {
        this.layerTimeout = timeout;
        return this;
    }

    /** Every provider that {@code loader} sees (boot-layer modules and the class path), as built-ins. */
    public ProvidersBuilder addBuiltIns(ClassLoader loader) {
        for (Loaded loaded : scanAll(new ServiceSource() {
            @Override
            public <T> ServiceLoader<T> load(Class<T> service) {
                return ServiceLoader.load(service, loader);
            }
        }, type -> true, null)) {
            add(loaded, Origin.BUILT_IN);
        }
        return this;
    }

    /**
     * The providers of {@code module}, the only module of a plugin's {@code layer}; a layer's lookup
     * also returns its parents' providers, which are not this plugin's. Runs the plugin's code on a
     * thread of its own, bounded by the layer timeout.
     */
    public ProvidersBuilder addLayer(Origin origin, ModuleLayer layer, Module module) {
        ExitWitness.watch(origin.describe());
        CompletableFuture<List<Loaded>> loading = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                loading.complete(scanAll(new ServiceSource() {
                    @Override
                    public <T> ServiceLoader<T> load(Class<T> service) {
                        return ServiceLoader.load(layer, service);
                    }
                }, type -> type.getModule() == module, module));
            } catch (Throwable t) {
                loading.completeExceptionally(t);
            }
        }, "ptreplay-plugin-load");
        worker.setDaemon(true);
        worker.start();
        try {
            for (Loaded loaded : loading.get(layerTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                add(loaded, origin);
            }
        } catch (TimeoutException e) {
            // Stops a loop that checks for interruption; one that does not keeps its daemon thread.
            worker.interrupt();
            fail(origin.describe(), null, "did not finish loading within " + layerTimeout.toSeconds()
                    + " s (a provider's constructor or name(), description(), version() or spiVersion()"
                    + " does not return); its other providers are not used");
        } catch (ExecutionException e) {
            fail(origin.describe(), null, "loading failed: " + Printable.of(String.valueOf(e.getCause())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(origin.describe(), null, "loading was interrupted");
        } finally {
            LOADING.set(null);
        }
        return this;
    }

    /** A source that yielded no provider: {@code provider} is its name or class when known, else null. */
    public ProvidersBuilder fail(String source, String provider, String reason) {
        // Paths and exception messages can carry control characters too.
        brokenJars.add(new Problem(Printable.of(source), provider == null ? null : Printable.of(provider),
                Printable.of(reason)));
        return this;
    }

    public Providers build() {
        List<PluginEntry> sorted = new ArrayList<>(entries);
        // List.sort is stable: providers of one name keep load order, so the winner comes first.
        sorted.sort(Comparator.comparingInt((PluginEntry e) -> e.kind().order()).thenComparing(PluginEntry::name));
        return new Providers(sorted, brokenJars);
    }

    /** One provider read in full by the loading thread, or why it could not be. */
    private record Loaded(ProviderKind<?> kind, String className, Provider provider, ProviderIdentity identity,
                          String failure) {
    }

    private interface ServiceSource {
        <T> ServiceLoader<T> load(Class<T> service);
    }

    /** Instantiates and reads every provider of every kind: all calls into provider code happen here. */
    private static List<Loaded> scanAll(ServiceSource source, Predicate<Class<?>> inScope,
                                        Module declaredBy) {
        List<Loaded> loaded = new ArrayList<>();
        for (ProviderKind<?> kind : ProviderKind.ALL) {
            scanKind(kind, source, inScope, declaredBy, loaded);
        }
        return loaded;
    }

    private static <T extends Provider> void scanKind(ProviderKind<T> kind, ServiceSource source,
                                                      Predicate<Class<?>> inScope,
                                                      Module declaredBy, List<Loaded> out) {
        for (ServiceScan.Result<T> result : ServiceScan.scan(source.load(kind.type()), kind.type(), inScope, declaredBy)) {
            T provider = result.instance();
            if (provider == null) {
                out.add(new Loaded(kind, result.className(), null, null, result.failure()));
                continue;
            }
            try {
                out.add(new Loaded(kind, result.className(), provider, ProviderIdentity.read(provider), null));
            } catch (ProviderIdentity.UnreadableException e) {
                out.add(new Loaded(kind, result.className(), null, null, e.getMessage()));
            }
        }
    }

    private void add(Loaded loaded, Origin origin) {
        if (loaded.provider() == null) {
            fail(origin.describe(), loaded.className(), loaded.failure());
            return;
        }
        ProviderKind<?> kind = loaded.kind();
        ProviderIdentity id = loaded.identity();
        Key key = new Key(kind, id.name());
        String reason = ProviderRules.check(loaded.provider(), id).orElse(null);
        PluginEntry winner = accepted.get(key);
        if (reason == null && winner != null) {
            reason = duplicateReason(kind, id.name(), winner);
        }
        ProviderStatus status = reason != null ? new ProviderStatus.Broken(reason) : ProviderStatus.OK;
        Module module = loaded.provider().getClass().getModule();
        PluginEntry entry = new PluginEntry(kind, id.name(), module.isNamed() ? module.getName() : "unnamed",
                id.version(), id.spiVersion(), id.description(), status, origin, loaded.provider());
        entries.add(entry);
        if (reason == null) {
            accepted.put(key, entry);
        }
    }

    private static String duplicateReason(ProviderKind<?> kind, String name, PluginEntry winner) {
        if (winner.origin() instanceof Origin.BuiltIn) {
            return "duplicate name: the built-in " + kind.id() + " " + name + " from module "
                    + winner.module() + " wins";
        }
        return "duplicate name: " + winner.origin().describe() + " already provides " + kind.id() + " " + name;
    }
}
