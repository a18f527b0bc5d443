package org.ptreplay.tools.trace;

import java.util.Map;
import java.util.TreeMap;

/**
 * A set of disjoint address ranges [start, end) with its total size: the mapped bytes of one
 * address space as the trace shows them. Adjacent ranges are merged, so that coverage questions
 * need one lookup. Updates cost O(log n) plus the ranges they remove.
 */
final class RangeSet {
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long bytes;

    RangeSet copy() {
        RangeSet c = new RangeSet();
        c.ranges.putAll(ranges);
        c.bytes = bytes;
        return c;
    }

    long bytes() {
        return bytes;
    }

    int size() {
        return ranges.size();
    }

    void add(long start, long end) {
        if (end <= start) {
            return;
        }
        remove(start, end);
        Map.Entry<Long, Long> below = ranges.floorEntry(start);
        if (below != null && below.getValue() == start) {
            start = below.getKey();
            ranges.remove(start);
            bytes -= below.getValue() - start;
        }
        Long aboveEnd = ranges.get(end);
        if (aboveEnd != null) {
            ranges.remove(end);
            bytes -= aboveEnd - end;
            end = aboveEnd;
        }
        ranges.put(start, end);
        bytes += end - start;
    }

    void remove(long start, long end) {
        if (end <= start) {
            return;
        }
        Map.Entry<Long, Long> below = ranges.lowerEntry(start);
        if (below != null && below.getValue() > start) {
            // Split the range that straddles start; the part above start is handled below.
            ranges.put(below.getKey(), start);
            ranges.put(start, below.getValue());
        }
        Map.Entry<Long, Long> e;
        while ((e = ranges.ceilingEntry(start)) != null && e.getKey() < end) {
            ranges.remove(e.getKey());
            if (e.getValue() > end) {
                ranges.put(end, e.getValue());
                bytes -= end - e.getKey();
            } else {
                bytes -= e.getValue() - e.getKey();
            }
        }
    }

    /** Whether every byte of [start, end) is in the set. */
    boolean covers(long start, long end) {
        if (end <= start) {
            return true;
        }
        Map.Entry<Long, Long> e = ranges.floorEntry(start);
        return e != null && e.getValue() >= end;
    }

    /** The bytes of [start, end) that are in the set. */
    long coveredBytes(long start, long end) {
        long covered = 0;
        Map.Entry<Long, Long> e = ranges.floorEntry(start);
        if (e == null || e.getValue() <= start) {
            e = ranges.higherEntry(start);
        }
        while (e != null && e.getKey() < end) {
            covered += Math.min(end, e.getValue()) - Math.max(start, e.getKey());
            e = ranges.higherEntry(e.getKey());
        }
        return covered;
    }
}
