package org.ptreplay.spi.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One frame of a path stack, named after the kernel function in snake_case
 * ({@code move_ptes}, {@code vm_normal_folio}). Interned: {@link #of} returns the same object for
 * the same name, so a ledger can key its path tree by {@link #id()} without hashing strings on the
 * hot path. Declare frames as {@code static final} constants and enter them with {@link Ledger#enter}.
 */
public final class Frame {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_+]+");
    private static final Map<String, Frame> BY_NAME = new ConcurrentHashMap<>();
    private static final List<Frame> BY_ID = new ArrayList<>();

    private final String name;
    private final int id;

    private Frame(String name, int id) {
        this.name = name;
        this.id = id;
    }

    public static Frame of(String name) {
        Frame f = BY_NAME.get(name);
        if (f != null) {
            return f;
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("frame name must be a kernel function name in snake_case: " + name);
        }
        synchronized (BY_ID) {
            return BY_NAME.computeIfAbsent(name, n -> {
                Frame nf = new Frame(n, BY_ID.size());
                BY_ID.add(nf);
                return nf;
            });
        }
    }

    public static Frame byId(int id) {
        synchronized (BY_ID) {
            return BY_ID.get(id);
        }
    }

    public String name() {
        return name;
    }

    public int id() {
        return id;
    }

    @Override
    public String toString() {
        return name;
    }
}
