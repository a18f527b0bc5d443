package org.ptreplay.tools.workload;

import org.ptreplay.spi.loader.DidYouMean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ptreplay.tools.text.Suggestions;

/** A generator's parameters after checking: every parameter has a value, given or default. */
final class ParamValues {
    private final Map<String, Param> params;
    private final Map<String, Long> values;

    private ParamValues(Map<String, Param> params, Map<String, Long> values) {
        this.params = params;
        this.values = values;
    }

    /**
     * Checks {@code given} against {@code params}; names not given take their defaults.
     *
     * @throws IllegalArgumentException one sentence: an unknown name (with "did you mean") or a bad value
     */
    static ParamValues check(String generator, List<Param> params, Map<String, String> given) {
        Map<String, Param> byName = new TreeMap<>();
        params.forEach(p -> byName.put(p.name(), p));
        for (String name : new TreeMap<>(given).keySet()) {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' for " + generator
                        + DidYouMean.hint(name, byName.keySet())
                        + "; parameters: " + Suggestions.list(byName.keySet()) + ".");
            }
        }
        Map<String, Long> values = new HashMap<>();
        for (Param p : byName.values()) {
            values.put(p.name(), p.check(generator, given.getOrDefault(p.name(), p.defaultValue()).trim()));
        }
        return new ParamValues(byName, values);
    }

    /** A size in bytes or a count. */
    long get(String name) {
        Long v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("no parameter '" + name + "' was declared");
        }
        return v;
    }

    /** The chosen value of a choice parameter. */
    String choice(String name) {
        return params.get(name).choices().get((int) get(name));
    }
}
