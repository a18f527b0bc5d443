package org.ptreplay.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.loader.PluginEntry;
import org.ptreplay.spi.loader.Providers;
import org.ptreplay.spi.loader.Problem;
import org.ptreplay.tools.text.Json;
import org.ptreplay.tools.text.Table;

/** The two forms of the {@code plugins} listing. The JSON shape is documented in docs/output-formats.md. */
final class PluginsReport {

    private PluginsReport() {
    }

    /**
     * The table: within {@code width}, kind, name, status, source and the description cut to fit;
     * {@code long} adds version, SPI version and module and leaves the descriptions whole.
     */
    static String text(Providers registry, int width, boolean long_) {
        StringBuilder out = new StringBuilder();
        if (registry.entries().isEmpty()) {
            out.append("No providers found.\n");
        } else if (long_) {
            Table table = new Table("KIND", "NAME", "STATUS", "VERSION", "SPI", "MODULE", "SOURCE", "DESCRIPTION");
            for (PluginEntry e : registry.entries()) {
                table.row(e.kind().id(), e.name(), e.status().label(), e.version(), e.spiVersion(), e.module(),
                        e.origin().describe(), e.description());
            }
            out.append(table.render());
        } else {
            Table table = new Table("KIND", "NAME", "STATUS", "SOURCE", "DESCRIPTION");
            for (PluginEntry e : registry.entries()) {
                table.row(e.kind().id(), e.name(), e.status().label(), e.origin().describe(), e.description());
            }
            out.append(table.last(Table.LastColumn.TRUNCATE).render(width));
        }
        if (!registry.brokenJars().isEmpty()) {
            out.append("\nBroken plugin jars:\n");
            for (Problem p : registry.brokenJars()) {
                out.append("  ").append(p.message()).append('\n');
            }
        }
        return out.toString();
    }

    static String json(Providers registry) {
        List<Map<String, Object>> providers = registry.entries().stream().map(PluginsReport::provider).toList();
        List<Map<String, Object>> broken = registry.brokenJars().stream().map(PluginsReport::brokenJar).toList();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("spi_version", Spi.VERSION);
        root.put("providers", providers);
        root.put("broken_jars", broken);
        return Json.write(root);
    }

    private static Map<String, Object> provider(PluginEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind().id());
        m.put("name", e.name());
        m.put("status", e.status().label());
        m.put("version", e.version());
        m.put("spi_version", e.spiVersion());
        m.put("module", e.module());
        m.put("source", e.origin().describe());
        m.put("description", e.description());
        return m;
    }

    private static Map<String, Object> brokenJar(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jar", p.source());
        m.put("provider", p.provider());
        m.put("reason", p.reason());
        return m;
    }
}
