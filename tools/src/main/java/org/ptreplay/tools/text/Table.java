package org.ptreplay.tools.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A plain-text table, columns separated by two spaces. A column whose cells are all numbers
 * (signed, with decimals, a trailing {@code %} or {@code x}, or {@code -} for none) is
 * right-aligned with its header, as {@code perf diff} does; other columns are left-aligned and
 * the last one is not padded.
 *
 * <p>{@link #render(int)} fits a width: when the table is wider, the columns after the first are
 * split into slices that fit, each printed as its own table with the first column repeated.
 * {@link #bands} says which columns stay together in a slice (a cell with its delta and ratio),
 * {@link #repeat} how many leading columns every slice repeats (the names and the baseline).
 */
public final class Table {

    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9][0-9.,]*(%|x)?|-");

    private final List<String[]> rows = new ArrayList<>();
    private int[] bandStarts = new int[0];
    private int repeated = 1;
    private LastColumn last = LastColumn.AS_IS;

    /** What {@link #render(int)} does with a last column (free text) that runs past the width. */
    public enum LastColumn {
        /** Split the table, as for any other column. */
        AS_IS,
        /** Cut the text, ending it with {@code ...}. */
        TRUNCATE,
        /** Break the text at spaces onto lines of its own, aligned under the column. */
        WRAP
    }

    public Table(String... header) {
        rows.add(header);
    }

    public Table row(String... cells) {
        if (cells.length != rows.get(0).length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header has " + rows.get(0).length);
        }
        rows.add(cells);
        return this;
    }

    /**
     * The first column of each band of columns that {@link #render(int)} keeps in one slice,
     * ascending, all after the {@link #repeat repeated} ones. Without bands every column is a band of its own.
     */
    public Table bands(int... starts) {
        bandStarts = starts.clone();
        return this;
    }

    /** The first {@code n} columns (at least the row names) start every slice of {@link #render(int)}. */
    public Table repeat(int n) {
        repeated = Math.max(1, n);
        return this;
    }

    /** How the last column fits the width (see {@link LastColumn}). */
    public Table last(LastColumn mode) {
        last = mode;
        return this;
    }

    /** The whole table, however wide. */
    public String render() {
        int[] all = new int[rows.get(0).length];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        return render(all);
    }

    /**
     * The table in slices no wider than {@code width} where possible, separated by blank lines; a
     * single band wider than that is printed alone, as narrow as it gets.
     */
    public String render(int width) {
        int columns = rows.get(0).length;
        if (columns <= 1 || widthOf(range(0, columns)) <= width) {
            return render();
        }
        if (last != LastColumn.AS_IS) {
            return fitLast(width);
        }
        List<int[]> bands = bandList(columns);
        StringBuilder out = new StringBuilder();
        List<Integer> start = new ArrayList<>();
        for (int c = 0; c < Math.min(repeated, columns); c++) {
            start.add(c);
        }
        List<Integer> slice = new ArrayList<>(start);
        for (int[] band : bands) {
            List<Integer> tried = new ArrayList<>(slice);
            for (int c : band) {
                tried.add(c);
            }
            if (slice.size() > start.size() && widthOf(ints(tried)) > width) {
                out.append(out.isEmpty() ? "" : "\n").append(render(ints(slice)));
                slice = new ArrayList<>(start);
                for (int c : band) {
                    slice.add(c);
                }
            } else {
                slice = tried;
            }
        }
        out.append(out.isEmpty() ? "" : "\n").append(render(ints(slice)));
        return out.toString();
    }

    /**
     * The last column cut or wrapped so lines end at the width, when the other columns leave it at
     * least 16 characters; otherwise the table as it is.
     */
    private String fitLast(int width) {
        int columns = rows.get(0).length;
        int start = widthOf(range(0, columns - 1)) + 2;
        int room = width - start;
        if (room < 16) {
            return render();
        }
        Table fitted = new Table(rows.get(0));
        for (String[] row : rows.subList(1, rows.size())) {
            String text = row[columns - 1];
            String[] cells = row.clone();
            if (text.length() <= room) {
                fitted.row(cells);
            } else if (last == LastColumn.TRUNCATE) {
                cells[columns - 1] = text.substring(0, room - 3).stripTrailing() + "...";
                fitted.row(cells);
            } else {
                List<String> lines = Width.wrap(text, "", room).lines().map(String::strip).toList();
                cells[columns - 1] = lines.get(0);
                fitted.row(cells);
                for (String more : lines.subList(1, lines.size())) {
                    String[] blank = new String[columns];
                    java.util.Arrays.fill(blank, "");
                    blank[columns - 1] = more;
                    fitted.row(blank);
                }
            }
        }
        return fitted.render();
    }

    /** The widest line {@link #render()} prints. */
    public int width() {
        return widthOf(range(0, rows.get(0).length));
    }

    private List<int[]> bandList(int columns) {
        List<int[]> bands = new ArrayList<>();
        int[] starts = bandStarts.length == 0 ? range(repeated, columns) : bandStarts;
        for (int i = 0; i < starts.length; i++) {
            int end = i + 1 < starts.length ? starts[i + 1] : columns;
            bands.add(range(starts[i], end));
        }
        return bands;
    }

    private int widthOf(int[] columns) {
        int max = 0;
        for (String line : render(columns).split("\n")) {
            max = Math.max(max, line.length());
        }
        return max;
    }

    private String render(int[] columns) {
        int[] width = new int[columns.length];
        boolean[] right = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            int c = columns[i];
            boolean numeric = rows.size() > 1;
            for (int r = 0; r < rows.size(); r++) {
                String cell = rows.get(r)[c];
                width[i] = Math.max(width[i], cell.length());
                if (r > 0 && !NUMBER.matcher(cell).matches()) {
                    numeric = false;
                }
            }
            right[i] = numeric;
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns.length; i++) {
                String cell = row[columns[i]];
                String pad = " ".repeat(width[i] - cell.length());
                if (right[i]) {
                    line.append(pad).append(cell);
                } else {
                    line.append(cell);
                    if (i < columns.length - 1) {
                        line.append(pad);
                    }
                }
                if (i < columns.length - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static int[] range(int from, int to) {
        int[] r = new int[Math.max(0, to - from)];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
