package org.ptreplay.tools.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ptreplay.spi.Provider;

/**
 * Collects providers in load order (built-ins first, then plugin jars in order) and decides each
 * one's status, so that the first provider of a name wins and later ones are reported.
 */
final class RegistryBuilder {

    private record Key(ProviderKind<?> kind, String name) {
    }

    private final List<PluginEntry> entries = new ArrayList<>();
    private final Map<Key, PluginEntry> accepted = new HashMap<>();
    private final List<Problem> brokenJars = new ArrayList<>();

    /** Every provider of every kind that {@code scan} finds, tagged with {@code origin}. */
    void addAll(Origin origin, ProviderSource source) {
        for (ProviderKind<?> kind : ProviderKind.ALL) {
            addKind(kind, origin, source);
        }
    }

    private <T extends Provider> void addKind(ProviderKind<T> kind, Origin origin, ProviderSource source) {
        for (ServiceScan.Result<T> result : source.scan(kind.type())) {
            if (result.instance() == null) {
                fail(origin.describe(), result.className(), result.failure());
            } else {
                add(kind, result.instance(), origin);
            }
        }
    }

    void fail(String source, String provider, String reason) {
        brokenJars.add(new Problem(source, provider, reason));
    }

    private void add(ProviderKind<?> kind, Provider provider, Origin origin) {
        ProviderIdentity id;
        try {
            id = ProviderIdentity.read(provider);
        } catch (ProviderIdentity.UnreadableException e) {
            fail(origin.describe(), provider.getClass().getName(), e.getMessage());
            return;
        }
        Key key = new Key(kind, id.name());
        String reason = ProviderRules.check(provider, id).orElse(null);
        PluginEntry winner = accepted.get(key);
        if (reason == null && winner != null) {
            reason = duplicateReason(kind, id.name(), winner);
        }
        ProviderStatus status = reason != null ? new ProviderStatus.Broken(reason)
                : id.status() == Provider.Status.NOT_IMPLEMENTED ? ProviderStatus.NOT_IMPLEMENTED
                : ProviderStatus.OK;
        Module module = provider.getClass().getModule();
        PluginEntry entry = new PluginEntry(kind, id.name(), module.isNamed() ? module.getName() : "unnamed",
                id.version(), id.spiVersion(), id.description(), status, origin, provider);
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

    PluginRegistry build() {
        List<PluginEntry> sorted = new ArrayList<>(entries);
        // List.sort is stable: providers of one name keep load order, so the winner comes first.
        sorted.sort(Comparator.comparingInt((PluginEntry e) -> e.kind().order()).thenComparing(PluginEntry::name));
        return new PluginRegistry(sorted, brokenJars);
    }

    /** One lookup per service interface: the boot layer, or one plugin layer. */
    interface ProviderSource {
        <T> List<ServiceScan.Result<T>> scan(Class<T> service);
    }
}
