package org.ptreplay.tools.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ptreplay.spi.Provider;
import org.ptreplay.tools.text.Suggestions;

/**
 * Every provider ptreplay knows, built-in or from plugin jars: what {@code plugins} lists, and
 * where the other commands look providers up by kind and name.
 *
 * <p>Rules: a built-in wins over a plugin of the same kind and name; between plugins the first
 * jar wins (directories in the order given, jars in file-name order). Losers, providers built for
 * another SPI major version and providers with invalid names are listed as broken; jars that
 * yield no provider at all are {@link #brokenJars()}.
 */
public final class PluginRegistry {

    private final List<PluginEntry> entries;
    private final List<Problem> brokenJars;

    PluginRegistry(List<PluginEntry> entries, List<Problem> brokenJars) {
        this.entries = List.copyOf(entries);
        this.brokenJars = List.copyOf(brokenJars);
    }

    /** The built-in providers plus the jars in {@code pluginDirs}, each in its own module layer. */
    public static PluginRegistry load(List<Path> pluginDirs) {
        PluginLoader loader = new PluginLoader();
        loader.loadBuiltIns();
        pluginDirs.forEach(loader::loadDirectory);
        return loader.registry().build();
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
                : "usable " + kind.plural() + ": " + Suggestions.list(usable);
        Optional<PluginEntry> listed = entries.stream()
                .filter(e -> e.kind().equals(kind) && e.name().equals(name)).findFirst();
        if (listed.isPresent()) {
            throw new UnknownProviderException(
                    kind.id() + " " + name + " is " + listed.get().status().label() + "; " + known);
        }
        String hint = Suggestions.didYouMean(name, usable).map(s -> " (" + s + ")").orElse("");
        throw new UnknownProviderException("unknown " + kind.id() + " '" + name + "'" + hint + "; " + known);
    }
}
