package org.ptreplay.core.select;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Splits a strategy argument into terms. A name may itself contain {@code +}
 * ({@code pgtable-move/pmd+pud}), so the split is decided by the known names: at each position the
 * longest run of {@code +}-joined pieces that forms a known name wins.
 */
final class ArgumentParser {
    private static final Pattern OPTION_WORD = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final Set<String> known;
    private final BiFunction<String, String, IllegalArgumentException> unknown;

    /**
     * @param known   every preset and strategy name
     * @param unknown builds the error for a name (first) in an argument (second) that is not known
     */
    ArgumentParser(Set<String> known, BiFunction<String, String, IllegalArgumentException> unknown) {
        this.known = known;
        this.unknown = unknown;
    }

    /** The terms of {@code argument}, which is already normalised (lowercase, no surrounding blanks). */
    List<Term> parse(String argument) {
        String[] pieces = argument.split("\\+", -1);
        for (String piece : pieces) {
            if (piece.isEmpty()) {
                throw new IllegalArgumentException("empty term in strategy argument '" + argument
                        + "': terms are joined by a single '+'");
            }
        }
        List<Term> terms = new ArrayList<>();
        int i = 0;
        while (i < pieces.length) {
            int last = longestKnown(pieces, i);
            if (last < 0) {
                throw unknown.apply(nameOf(pieces[i]), argument);
            }
            terms.add(term(String.join("+", List.of(pieces).subList(i, last + 1)), argument));
            i = last + 1;
        }
        return terms;
    }

    /** Parses one term on its own, {@code name[:key[=value]]...}, without looking the name up. */
    Term term(String text, String argument) {
        String[] parts = text.split(":", -1);
        TreeMap<String, String> options = new TreeMap<>();
        for (int k = 1; k < parts.length; k++) {
            String option = parts[k];
            int eq = option.indexOf('=');
            // A bare key switches the option on: move-ptes/hint-batch:respect-write.
            String key = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? "on" : option.substring(eq + 1);
            if (!OPTION_WORD.matcher(key).matches() || !OPTION_WORD.matcher(value).matches()) {
                throw new IllegalArgumentException("malformed option '" + option + "' in strategy argument '"
                        + argument + "': write NAME:KEY=VALUE with keys and values made of a-z, 0-9, '.', '_' and '-'");
            }
            if (options.put(key, value) != null) {
                throw new IllegalArgumentException("option '" + key + "' is given twice in strategy argument '"
                        + argument + "'");
            }
        }
        return new Term(parts[0], options);
    }

    /** The index of the last piece of the longest known name starting at {@code from}, or -1. */
    private int longestKnown(String[] pieces, int from) {
        for (int last = pieces.length - 1; last >= from; last--) {
            StringBuilder candidate = new StringBuilder(pieces[from]);
            boolean optionsInside = pieces[from].indexOf(':') >= 0 && last > from;
            for (int k = from + 1; k <= last; k++) {
                candidate.append('+').append(pieces[k]);
                optionsInside |= k < last && pieces[k].indexOf(':') >= 0;
            }
            // Options end a term: a ':' before the last piece means the run is not one name.
            if (!optionsInside && known.contains(nameOf(candidate.toString()))) {
                return last;
            }
        }
        return -1;
    }

    private static String nameOf(String termText) {
        int colon = termText.indexOf(':');
        return colon < 0 ? termText : termText.substring(0, colon);
    }
}
