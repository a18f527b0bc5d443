package org.ptreplay.core.select;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ptreplay.spi.KernelConfig;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.KernelPreset;
import org.ptreplay.spi.Provider;
import org.ptreplay.spi.Strategy;
import org.ptreplay.spi.loader.DidYouMean;
import org.ptreplay.spi.loader.Providers;

/**
 * Resolves strategy arguments against the available strategies and kernel presets.
 *
 * <h2>Grammar</h2>
 * <pre>
 * argument := term ('+' term)*
 * term     := NAME (':' option)*
 * option   := KEY ['=' VALUE]        a bare KEY means KEY=on
 * </pre>
 * The first term may be a kernel preset ({@code linux-6.16}); every other term is a path strategy
 * ({@code move-ptes/folio-batch}) that overrides the preset's choice for its path. Without a preset,
 * the paths not named run the core's reference strategies ({@link #REFERENCE}). Keys and values
 * are made of {@code a-z 0-9 . _ -}, so neither {@code ,} (which separates arguments in
 * {@code --strategy S,T}) nor {@code +} can occur in them, and the shell needs no quoting:
 * {@code linux-6.17+move-ptes/hint-batch:respect-write=on}. Names may contain {@code +}
 * ({@code pgtable-move/pmd+pud}): the longest known name wins.
 *
 * <p>Errors are one sentence each, naming the argument: an unknown name (with "did you mean" and
 * the names that exist), a preset that is not first, two strategies for one path, an option the
 * strategy does not accept ({@link Strategy#configure}).
 */
public final class StrategySelector {

    /** The core's reference strategy of each path: what every kernel before the batching did. */
    public static final Map<KernelPath, String> REFERENCE = reference();

    private final Map<String, Strategy> strategies = new TreeMap<>();
    private final Map<String, KernelPreset> presets = new TreeMap<>();
    private final List<String> names;
    private final ArgumentParser parser;

    /**
     * @throws IllegalArgumentException when two providers share a name, or one breaks a rule of
     *                                  {@link Providers#check} (SPI version, name, path prefix)
     */
    public StrategySelector(List<? extends Strategy> strategies, List<? extends KernelPreset> presets) {
        List<String> all = new ArrayList<>();
        for (Strategy s : strategies) {
            checkName(s, all);
            this.strategies.put(s.name(), s);
        }
        for (KernelPreset p : presets) {
            checkName(p, all);
            this.presets.put(p.name(), p);
        }
        // Presets first, then strategies, each in natural order: the order of "known names".
        List<String> presetNames = new ArrayList<>(this.presets.keySet());
        presetNames.sort(NaturalOrder.INSTANCE);
        List<String> strategyNames = new ArrayList<>(this.strategies.keySet());
        strategyNames.sort(NaturalOrder.INSTANCE);
        List<String> ordered = new ArrayList<>(presetNames);
        ordered.addAll(strategyNames);
        this.names = List.copyOf(ordered);
        this.parser = new ArgumentParser(Set.copyOf(ordered), this::unknown);
    }

    /** The loader's rules ({@link Providers#check}), for callers that hand in providers of their own. */
    private static void checkName(Provider p, List<String> seen) {
        Providers.check(p).ifPresent(reason -> {
            throw new IllegalArgumentException("provider '" + p.name() + "' cannot be used: " + reason);
        });
        if (seen.contains(p.name())) {
            throw new IllegalArgumentException("two providers are named '" + p.name() + "'");
        }
        seen.add(p.name());
    }

    /** Every preset and strategy name: presets first, each group in natural order. */
    public List<String> names() {
        return names;
    }

    /**
     * Resolves {@code argument} for {@code arch}.
     *
     * @throws IllegalArgumentException with one sentence naming the argument and what is wrong
     */
    public ResolvedKernel resolve(String argument, String arch) {
        String normalised = argument.strip().toLowerCase(Locale.ROOT);
        if (normalised.isEmpty()) {
            throw new IllegalArgumentException("empty strategy argument: give a kernel preset, a path strategy"
                    + " or a preset with overrides, e.g. linux-6.16+move-ptes/folio-batch");
        }
        List<Term> terms = parser.parse(normalised);

        KernelPreset preset = presets.get(terms.get(0).name());
        Map<KernelPath, Term> chosen = new EnumMap<>(KernelPath.class);
        Map<KernelPath, Term> overrides = new EnumMap<>(KernelPath.class);
        if (preset != null) {
            if (!terms.get(0).options().isEmpty()) {
                throw new IllegalArgumentException("kernel preset '" + preset.name() + "' takes no options, got '"
                        + String.join(":", optionTexts(terms.get(0))) + "' in strategy argument '" + normalised + "'");
            }
            chosen.putAll(presetChoices(preset, arch, normalised));
        }
        for (Term t : terms.subList(preset != null ? 1 : 0, terms.size())) {
            Strategy s = strategies.get(t.name());
            if (s == null) {
                throw new IllegalArgumentException("kernel preset '" + t.name() + "' in strategy argument '"
                        + normalised + "' must come first, and only one preset is allowed");
            }
            Term previous = overrides.put(s.path(), t);
            if (previous != null) {
                throw new IllegalArgumentException("strategy argument '" + normalised + "' gives two strategies for path "
                        + s.path().prefix() + ": " + previous.name() + " and " + t.name());
            }
        }
        if (preset == null) {
            for (KernelPath path : KernelPath.values()) {
                String ref = REFERENCE.get(path);
                if (overrides.containsKey(path)) {
                    continue;
                }
                if (!strategies.containsKey(ref)) {
                    throw new IllegalArgumentException("strategy argument '" + normalised + "' needs the reference strategy '"
                            + ref + "' for path " + path.prefix() + ", which is not available");
                }
                chosen.put(path, new Term(ref, new TreeMap<>()));
            }
        }
        chosen.putAll(overrides);

        Map<KernelPath, Strategy> configured = new EnumMap<>(KernelPath.class);
        chosen.forEach((path, term) -> configured.put(path, configure(term, normalised)));

        List<String> canonical = new ArrayList<>();
        if (preset != null) {
            canonical.add(preset.name());
        }
        overrides.values().forEach(t -> canonical.add(t.canonical()));
        Map<String, String> archOptions = preset == null ? Map.of() : preset.archOptions().getOrDefault(arch, Map.of());
        KernelConfig kernelConfig = preset == null ? KernelConfig.CURRENT : preset.kernelConfig();
        return new ResolvedKernel(String.join("+", canonical), arch, configured, archOptions, kernelConfig, preset != null);
    }

    /** The preset's strategy terms for {@code arch}, checked against the available strategies. */
    private Map<KernelPath, Term> presetChoices(KernelPreset preset, String arch, String argument) {
        Map<KernelPath, String> byPath = preset.strategies(arch);
        Map<KernelPath, Term> choices = new EnumMap<>(KernelPath.class);
        for (KernelPath path : KernelPath.values()) {
            String text = byPath.get(path);
            if (text == null && path.sinceMinor() > spiMinor(preset)) {
                // A preset written before the path existed: that kernel did what the reference does.
                text = REFERENCE.get(path);
            }
            if (text == null) {
                throw new IllegalArgumentException("kernel preset '" + preset.name() + "' gives no strategy for path "
                        + path.prefix() + " on arch " + arch);
            }
            Term t = parser.term(text, argument);
            Strategy s = strategies.get(t.name());
            if (s == null) {
                throw new IllegalArgumentException("kernel preset '" + preset.name() + "' names strategy '" + t.name()
                        + "' for path " + path.prefix() + " on arch " + arch + ", which is not available");
            }
            if (s.path() != path) {
                throw new IllegalArgumentException("kernel preset '" + preset.name() + "' names strategy '" + t.name()
                        + "' for path " + path.prefix() + ", but it is a " + s.path().prefix() + " strategy");
            }
            choices.put(path, t);
        }
        return choices;
    }

    /** The SPI minor version a provider was compiled against; 0 when it does not parse (the loader checks it). */
    private static int spiMinor(Provider p) {
        String[] parts = String.valueOf(p.spiVersion()).split("\\.");
        try {
            return parts.length == 2 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Strategy configure(Term term, String argument) {
        Strategy s = strategies.get(term.name());
        Strategy configured;
        try {
            configured = s.configure(term.options());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad option in strategy argument '" + argument + "': " + e.getMessage(), e);
        }
        if (configured == null || !configured.name().equals(s.name()) || configured.path() != s.path()) {
            throw new IllegalStateException("strategy '" + s.name() + "' returned a different strategy from configure");
        }
        return configured;
    }

    private IllegalArgumentException unknown(String name, String argument) {
        StringBuilder sb = new StringBuilder("unknown strategy or kernel preset '").append(name)
                .append("' in strategy argument '").append(argument).append('\'');
        sb.append(DidYouMean.hint(name, names));
        sb.append("; known names: ").append(String.join(", ", names));
        return new IllegalArgumentException(sb.toString());
    }

    private static List<String> optionTexts(Term t) {
        List<String> texts = new ArrayList<>();
        t.options().forEach((k, v) -> texts.add(k + "=" + v));
        return texts;
    }

    private static Map<KernelPath, String> reference() {
        Map<KernelPath, String> m = new EnumMap<>(KernelPath.class);
        m.put(KernelPath.MOVE_PTES, "move-ptes/per-pte");
        m.put(KernelPath.PGTABLE_MOVE, "pgtable-move/none");
        m.put(KernelPath.COPY_PTES, "copy-ptes/per-pte");
        m.put(KernelPath.ZAP_PTES, "zap-ptes/per-pte");
        m.put(KernelPath.CHANGE_PTES, "change-ptes/per-pte");
        return Collections.unmodifiableMap(m);
    }
}
