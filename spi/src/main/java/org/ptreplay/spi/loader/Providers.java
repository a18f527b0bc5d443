package org.ptreplay.spi.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ptreplay.spi.Provider;
import org.ptreplay.trace.Printable;

/**
 * Every provider ptreplay knows, built-in or from plugin jars, in the manner of Lucene's
 * {@code NamedSPILoader}: loaded with ServiceLoader, checked ({@link #check}: the SPI version, the
 * SPI shape, the name rules), and looked up by kind and name with "did you mean". The engine's
 * callers, the tools, the benchmarks and the tests all find providers here, so that one rule
 * decides what is usable everywhere.
 *
 * <p>Rules: a built-in wins over a plugin of the same kind and name; between plugins the first
 * source wins (for the CLI: directories in the order given, jars in file-name order). Losers,
 * providers built for another SPI major version or shape and providers with invalid names are
 * listed as broken; sources that yield no provider at all are {@link #brokenJars()}. Every call
 * into a provider happens once, while loading, guarded against every Throwable; its answers are
 * kept with control characters made visible ({@link Printable}).
 */
public final class Providers {

    private final List<PluginEntry> entries;
    private final List<Problem> brokenJars;

    Providers(List<PluginEntry> entries, List<Problem> brokenJars) {
        this.entries = List.copyOf(entries);
        this.brokenJars = List.copyOf(brokenJars);
    }

    /** An empty builder: add built-ins and plugin layers in priority order. */
    public static ProvidersBuilder builder() {
        return new ProvidersBuilder();
    }

    /**
     * The providers that {@code loader} sees: the named modules of the boot layer (by service
     * binding) and the class path's {@code META-INF/services}.
     */
    public static Providers builtIn(ClassLoader loader) {
        return builder().addBuiltIns(loader).build();
    }

    /** {@link #builtIn(ClassLoader)} with this module's loader: the application's providers. */
    public static Providers builtIn() {
        return builtIn(Providers.class.getClassLoader());
    }

    /**
     * Why {@code provider} must not be used, or empty when it may: the SPI major version, the SPI
     * shape (every abstract method implemented), the name rule of {@link Provider#NAME} and, for
     * a strategy, the {@code <path prefix>/<variant>} rule. Calls the provider, so only for
     * providers whose methods are known to return (tests, or after {@link #builder()} loading).
     */
    public static Optional<String> check(Provider provider) {
        try {
            return ProviderRules.check(provider, ProviderIdentity.read(provider));
        } catch (ProviderIdentity.UnreadableException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** All listed providers, usable or not, by kind (in {@link ProviderKind#ALL} order) then name. */
    public List<PluginEntry> entries() {
        return entries;
    }

    /** Jars and provider classes that yielded no provider, in load order. */
    public List<Problem> brokenJars() {
        return brokenJars;
    }

    /** Every refusal, one line each: the broken entries, then the broken jars. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        for (PluginEntry e : entries) {
            if (e.status() instanceof ProviderStatus.Broken broken) {
                problems.add(new Problem(e.origin().describe(), e.name(), broken.reason()));
            }
        }
        problems.addAll(brokenJars);
        return problems;
    }

    /** The usable provider of that kind and name. */
    public Optional<PluginEntry> find(ProviderKind<?> kind, String name) {
        return entries.stream().filter(e -> e.usable() && e.kind().equals(kind) && e.name().equals(name)).findFirst();
    }

    /** The names of the usable providers of a kind, sorted. */
    public List<String> names(ProviderKind<?> kind) {
        return entries.stream().filter(e -> e.usable() && e.kind().equals(kind)).map(PluginEntry::name).toList();
    }

    /** The usable providers of a kind, sorted by name. */
    public <T extends Provider> List<T> all(ProviderKind<T> kind) {
        return entries.stream().filter(e -> e.usable() && e.kind().equals(kind))
                .map(e -> kind.type().cast(e.provider())).toList();
    }

    /**
     * The usable provider of that kind and name.
     *
     * @throws UnknownProviderException one sentence: why {@code name} is not usable, with
     *         "did you mean" and the names that are
     */
    public <T extends Provider> T require(ProviderKind<T> kind, String name) {
        Optional<PluginEntry> found = find(kind, name);
        if (found.isPresent()) {
            return kind.type().cast(found.get().provider());
        }
        List<String> usable = names(kind);
        String known = usable.isEmpty() ? "no " + kind.plural() + " are usable"
                : "usable " + kind.plural() + ": " + String.join(", ", usable);
        Optional<PluginEntry> listed = entries.stream()
                .filter(e -> e.kind().equals(kind) && e.name().equals(name)).findFirst();
        if (listed.isPresent()) {
            throw new UnknownProviderException(
                    kind.id() + " " + name + " is " + listed.get().status().label() + "; " + known);
        }
        String hint = DidYouMean.hint(name, usable);
        throw new UnknownProviderException("unknown " + kind.id() + " '" + Printable.of(name) + "'" + hint + "; " + known);
    }
}
