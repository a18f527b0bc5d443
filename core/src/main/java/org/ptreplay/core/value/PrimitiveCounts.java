package org.ptreplay.core.value;

import java.util.Arrays;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ptreplay.spi.ops.Primitive;

/** Immutable counts of every {@link Primitive}. */
public final class PrimitiveCounts {
    private final long[] values;

    /** @param values one count per primitive ordinal; copied */
    public PrimitiveCounts(long[] values) {
        if (values.length != Primitive.count()) {
            throw new IllegalArgumentException("expected " + Primitive.count() + " counts, got " + values.length);
        }
        this.values = values.clone();
    }

    public static PrimitiveCounts zero() {
        return new PrimitiveCounts(new long[Primitive.count()]);
    }

    public long get(Primitive p) {
        return values[p.ordinal()];
    }

    public PrimitiveCounts plus(PrimitiveCounts o) {
        long[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += o.values[i];
        }
        return new PrimitiveCounts(v);
    }

    public boolean isZero() {
        return Arrays.stream(values).allMatch(v -> v == 0);
    }

    /** The non-zero counts by primitive key, sorted. */
    public SortedMap<String, Long> nonZero() {
        SortedMap<String, Long> m = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                m.put(Primitive.byOrdinal(i).key(), values[i]);
            }
        }
        return Collections.unmodifiableSortedMap(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrimitiveCounts pc && Arrays.equals(values, pc.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return nonZero().toString();
    }
}
