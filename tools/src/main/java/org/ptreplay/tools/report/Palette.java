package org.ptreplay.tools.report;

import java.util.Locale;

/** Colours: one per cell, and one per flame-graph frame. */
public final class Palette {

    /**
     * Okabe and Ito's colour-blind-safe set (Color Universal Design, 2002), darkest-first so the
     * baseline gets the strongest colour, then four of Paul Tol's "muted" scheme (wine, teal,
     * olive, purple) that none of the eight resembles, so that three archs × three strategies
     * still get nine colours; cells beyond twelve reuse them in order.
     */
    private static final String[] CELLS = {
        "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000",
        "#882255", "#44aa99", "#999933", "#aa4499"
    };

    private Palette() {
    }

    public static String cell(int index) {
        return CELLS[index % CELLS.length];
    }

    /**
     * The warm hues of flamegraph.pl: red to yellow, picked from the frame name, so a frame has the
     * same colour in every cell's graph and in every run. {@link String#hashCode()} is specified by
     * the JLS, hence stable across JVMs.
     */
    static String frame(String name) {
        int h = name.hashCode();
        int r = 205 + Math.floorMod(h, 50);
        int g = Math.floorMod(h >>> 8, 180);
        int b = Math.floorMod(h >>> 16, 55);
        return hex(r, g, b);
    }

    static String hex(int r, int g, int b) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }
}
