package org.ptreplay.tools.report;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The call tree of one cell, built from its folded {@code by_path} SELF values: a frame's
 * inclusive time is its own self time plus its children's inclusive times, which is the sum over
 * the folded keys that pass through it.
 */
final class FrameTree {

    private final String name;
    private final String stack;
    private long self;
    private long inclusive;
    private final SortedMap<String, Long> selfCounts = new TreeMap<>();
    private final SortedMap<String, FrameTree> children = new TreeMap<>();

    private FrameTree(String name, String stack) {
        this.name = name;
        this.stack = stack;
    }

    /** The tree under a root frame named {@code all}. */
    static FrameTree of(Map<String, Usage> byPath) {
        FrameTree root = new FrameTree("all", "");
        for (Map.Entry<String, Usage> path : byPath.entrySet()) {
            FrameTree node = root;
            for (String frame : path.getKey().split(";", -1)) {
                node = node.child(frame);
            }
            node.self += path.getValue().simPs();
            for (Map.Entry<String, Long> count : path.getValue().counts().entrySet()) {
                node.selfCounts.merge(count.getKey(), count.getValue(), Long::sum);
            }
        }
        root.sum();
        return root;
    }

    private FrameTree child(String frame) {
        return children.computeIfAbsent(frame, f -> new FrameTree(f, stack.isEmpty() ? f : stack + ";" + f));
    }

    private long sum() {
        inclusive = self;
        for (FrameTree child : children.values()) {
            inclusive += child.sum();
        }
        return inclusive;
    }

    /** The frame at a folded stack ({@code a;b}), or null; the empty stack is the root. */
    FrameTree find(String path) {
        if (path.isEmpty()) {
            return this;
        }
        FrameTree node = this;
        for (String frame : path.split(";", -1)) {
            node = node.children.get(frame);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    String name() {
        return name;
    }

    /** The folded stack from the first frame under the root to this one; empty for the root. */
    String stack() {
        return stack;
    }

    long self() {
        return self;
    }

    long inclusive() {
        return inclusive;
    }

    SortedMap<String, Long> selfCounts() {
        return Collections.unmodifiableSortedMap(selfCounts);
    }

    /** Children by name, the order flame graphs use (Gregg's flamegraph.pl sorts frames alphabetically). */
    SortedMap<String, FrameTree> children() {
        return Collections.unmodifiableSortedMap(children);
    }

    int depth() {
        int d = 0;
        for (FrameTree child : children.values()) {
            d = Math.max(d, child.depth());
        }
        return d + 1;
    }
}
