package org.ptreplay.core.select;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One {@code +}-separated term of a strategy argument: a provider name and its options.
 *
 * @param name    a preset or strategy name
 * @param options option values by key, sorted
 */
record Term(String name, SortedMap<String, String> options) {

    Term {
        options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
    }

    /** {@code name:key=value:key=value}, keys sorted. */
    String canonical() {
        StringBuilder sb = new StringBuilder(name);
        for (Map.Entry<String, String> e : options.entrySet()) {
            sb.append(':').append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
