package org.ptreplay.core.state;

import java.util.Arrays;

/**
 * The simulated kernel addresses of the maple-tree nodes of one mm, by level (0 = leaves) and
 * index within the level (docs/kernel-model.md §2.8). The shape is the model's
 * ({@code org.ptreplay.core.linux.vma.MapleTree}); this only remembers which node sits where, so
 * that the same position keeps the same lines until a store replaces its node. 0 = no node yet.
 */
public final class MapleNodes {
    private long[][] byLevel = new long[0][];

    /** The node at (level, index), or 0. */
    public long get(int level, int index) {
        if (level >= byLevel.length || index >= byLevel[level].length) {
            return 0;
        }
        return byLevel[level][index];
    }

    /** Puts {@code address} at (level, index) and returns the node that was there, or 0. */
    public long put(int level, int index, long address) {
        if (level >= byLevel.length) {
            int old = byLevel.length;
            byLevel = Arrays.copyOf(byLevel, level + 1);
            for (int l = old; l <= level; l++) {
                byLevel[l] = new long[0];
            }
        }
        long[] nodes = byLevel[level];
        if (index >= nodes.length) {
            nodes = Arrays.copyOf(nodes, Math.max(index + 1, nodes.length * 2));
            byLevel[level] = nodes;
        }
        long was = nodes[index];
        nodes[index] = address;
        return was;
    }

    /** Levels that may hold nodes. */
    public int levels() {
        return byLevel.length;
    }

    /** Slots of a level that may hold nodes. */
    public int slots(int level) {
        return byLevel[level].length;
    }
}
