package org.ptreplay.arch.x86;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ptreplay.spi.ops.ArchMmu;
import org.ptreplay.spi.ops.MmuEnv;
import org.ptreplay.spi.ops.PageTableGeometry;
import org.ptreplay.spi.Architecture;
import org.ptreplay.spi.OptionSpec;
import org.ptreplay.spi.Spi;

/**
 * x86-64 with 4K pages and 4-level paging (47-bit user VA). 5-level paging (LA57) is not modelled
 * yet: the geometry would only change {@code levels} and {@code vaBits}.
 */
public final class X86Architecture implements Architecture {
    static final String INVLPGB = "invlpgb";
    static final String FLUSH_CEILING = "flush-ceiling";
    static final String INVLPGB_COUNT_MAX = "invlpgb-count-max";

    private static final PageTableGeometry GEOMETRY = new PageTableGeometry(12, 4, 47, 1);
    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec(INVLPGB, "off", List.of("on", "off"),
                    "AMD INVLPGB broadcast flushes for multi-threaded mms instead of IPIs (6.15+, 4afeb0ed1753)"),
            new OptionSpec(FLUSH_CEILING, "33", List.of(),
                    "tlb_single_page_flush_ceiling: ranges of more pages get a full flush (arch/x86/mm/tlb.c)"),
            new OptionSpec(INVLPGB_COUNT_MAX, "8", List.of(),
                    "pages one INVLPGB may cover (CPUID 0x80000008 EDX; 8 is an assumed value, not measured)"));

    @Override
    public String name() {
        return "x86";
    }

    @Override
    public String description() {
        return "x86-64, 4K pages, 4-level paging, INVLPG/full flush/IPI shootdown rules";
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public PageTableGeometry geometry(Map<String, String> options) {
        check(options);
        return GEOMETRY;
    }

    @Override
    public ArchMmu create(Map<String, String> options, MmuEnv env) {
        check(options);
        boolean invlpgb = options.getOrDefault(INVLPGB, "off").equals("on");
        int ceiling = positive(options, FLUSH_CEILING, 33);
        int countMax = positive(options, INVLPGB_COUNT_MAX, 8);
        return new X86Mmu(env, GEOMETRY, new X86TlbFlush(env.ledger(), ceiling, invlpgb, countMax));
    }

    private static void check(Map<String, String> options) {
        Set<String> known = Set.of(INVLPGB, FLUSH_CEILING, INVLPGB_COUNT_MAX);
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw new IllegalArgumentException("x86 has no option '" + e.getKey() + "'; known: " + known.stream().sorted().toList() + ".");
            }
        }
        String v = options.get(INVLPGB);
        if (v != null && !v.equals("on") && !v.equals("off")) {
            throw new IllegalArgumentException("x86 option invlpgb must be on or off, not '" + v + "'.");
        }
    }

    private static int positive(Map<String, String> options, String key, int dflt) {
        String v = options.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error
        }
        throw new IllegalArgumentException("x86 option " + key + " must be a positive integer, not '" + v + "'.");
    }
}
