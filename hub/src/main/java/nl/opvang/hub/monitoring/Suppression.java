package nl.opvang.hub.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small-cell suppression for the gemeente (docs/MONITORING.md "Small cells"), over a table of answers to one figure:
 * columns and {@link Sum sums} of columns that hold row by row (column 0 the total of the locations of a breakdown, of
 * the kinds of a kind filter; a target group the sum of the locations that serve it). Primary: every count under
 * {@link Cell#THRESHOLD} and every value derived from fewer is hidden ("&lt; 5"). Secondary (complementary): a relation —
 * a total and the parts that add up to it, within a column (the figure's {@link Tally.Relation}s) or along a row (a
 * sum of columns) — with exactly one hidden number would give it away by subtraction, so the smallest shown part of
 * that relation is hidden too ("verborgen"), until no relation has exactly one hidden number. A derived value is hidden
 * with the counts it would give away. A column no answer publishes (the places of unknown kind, the clients from
 * outside the region) is taken as known: it never hides a number, and is never hidden to protect one.
 */
final class Suppression {
    static final String HIDDEN = "verborgen";

    /**
     * Row by row, column {@code total} is the sum of the columns {@code parts}. A {@code derived} total (a target
     * group: locations that overlap with other groups') is not part of the table's relations: each of its cells is
     * hidden when any of its parts is, so that what it shows is a sum of shown numbers and adds nothing to them, and
     * within its own column as any column.
     */
    record Sum(int total, List<Integer> parts, boolean derived) {
        Sum(int total, List<Integer> parts) {
            this(total, parts, false);
        }
    }

    private final List<Tally> columns;
    private final List<Sum> sums;
    private final boolean[] unpublished;
    private final List<String> keys;
    private final Map<String, Row> template = new HashMap<>();
    private final long[][] counts;
    private final boolean[][] hidden;
    private final boolean[][] value;

    private Suppression(List<Tally> columns, List<Sum> sums, boolean[] unpublished) {
        this.columns = columns;
        this.sums = sums;
        this.unpublished = unpublished;
        this.keys = columns.get(0).rows().stream().map(Tally::key).toList();
        columns.get(0).rows().forEach(row -> template.put(Tally.key(row), row));
        counts = new long[columns.size()][keys.size()];
        hidden = new boolean[columns.size()][keys.size()];
        value = new boolean[columns.size()][keys.size()];
    }

    /** The rows of each column, suppressed and aligned to the total's rows (a row a part lacks counts 0). */
    static List<List<Row>> apply(List<Tally> columns) {
        List<Integer> parts = new ArrayList<>();
        for (int c = 1; c < columns.size(); c++) {
            parts.add(c);
        }
        return apply(columns, columns.size() > 1 ? List.of(new Sum(0, parts)) : List.of(),
                new boolean[columns.size()]);
    }

    /** As {@link #apply(List)}, with the sums of columns given, and the columns no answer publishes. */
    static List<List<Row>> apply(List<Tally> columns, List<Sum> sums, boolean[] unpublished) {
        Suppression table = new Suppression(columns, sums, unpublished);
        table.primary();
        table.secondary();
        return table.rows();
    }

    private void primary() {
        for (int c = 0; c < columns.size(); c++) {
            Map<String, Row> rows = byKey(columns.get(c));
            Map<String, Long> bases = columns.get(c).bases();
            for (int r = 0; r < keys.size(); r++) {
                Row row = rows.get(keys.get(r));
                value[c][r] = template.get(keys.get(r)).cell().count() == null;
                counts[c][r] = value[c][r] ? bases.getOrDefault(keys.get(r), 0L)
                        : row == null ? 0 : row.cell().count();
                hidden[c][r] = !unpublished[c] && counts[c][r] < Cell.THRESHOLD;
            }
        }
    }

    /**
     * Relations as lists of cells {column, row}: the first the total (null: published in another answer); those within
     * the {@code derived} columns, or those of the rest of the table.
     */
    private List<int[][]> relations(boolean derived) {
        List<int[][]> relations = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            if (isDerived(c) != derived) {
                continue;
            }
            for (Tally.Relation relation : columns.get(0).relations()) {
                int total = keys.indexOf(relation.total());
                int[][] cells = new int[relation.parts().size() + 1][];
                cells[0] = total < 0 ? null : new int[] {c, total};
                for (int i = 0; i < relation.parts().size(); i++) {
                    cells[i + 1] = new int[] {c, keys.indexOf(relation.parts().get(i))};
                }
                relations.add(cells);
            }
        }
        for (Sum sum : derived ? List.<Sum>of() : sums) {
            if (sum.derived()) {
                continue;
            }
            for (int r = 0; r < keys.size(); r++) {
                if (!value[sum.total()][r]) {
                    int[][] cells = new int[sum.parts().size() + 1][];
                    cells[0] = new int[] {sum.total(), r};
                    for (int i = 0; i < sum.parts().size(); i++) {
                        cells[i + 1] = new int[] {sum.parts().get(i), r};
                    }
                    relations.add(cells);
                }
            }
        }
        return relations;
    }

    /** The table first, then the derived columns, which follow the table and never change it. */
    private void secondary() {
        settle(relations(false), false);
        for (Sum sum : sums) {
            for (int r = 0; sum.derived() && r < keys.size(); r++) {
                for (int part : sum.parts()) {
                    hidden[sum.total()][r] |= hidden[part][r];
                }
            }
        }
        settle(relations(true), true);
    }

    private void settle(List<int[][]> relations, boolean derived) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[][] relation : relations) {
                changed |= protect(relation);
            }
            for (int c = 0; c < columns.size(); c++) {
                for (int r = 0; r < keys.size(); r++) {
                    if (isDerived(c) == derived && value[c][r] && !hidden[c][r] && !unpublished[c]
                            && revealsHidden(c, keys.get(r))) {
                        hidden[c][r] = true;
                        changed = true;
                    }
                }
            }
        }
    }

    private boolean isDerived(int column) {
        return sums.stream().anyMatch(sum -> sum.derived() && sum.total() == column);
    }

    /** Hides the smallest shown part when exactly one number of the relation is hidden; true if it hid one. */
    private boolean protect(int[][] relation) {
        int unknown = 0;
        int[] smallest = null;
        for (int i = 0; i < relation.length; i++) {
            int[] cell = relation[i];
            if (cell == null || cell[1] < 0) {
                continue;
            }
            if (hidden[cell[0]][cell[1]]) {
                unknown++;
            } else if (i > 0 && !unpublished[cell[0]]
                    && (smallest == null || counts[cell[0]][cell[1]] < counts[smallest[0]][smallest[1]])) {
                smallest = cell;
            }
        }
        if (unknown != 1) {
            return false;
        }
        int[] hide = smallest != null ? smallest : relation[0];
        if (hide == null || hidden[hide[0]][hide[1]] || unpublished[hide[0]]) {
            return false;
        }
        hidden[hide[0]][hide[1]] = true;
        return true;
    }

    private boolean revealsHidden(int column, String key) {
        List<String> from = columns.get(0).reveals().getOrDefault(key, List.of());
        return from.stream().map(keys::indexOf).anyMatch(r -> r >= 0 && hidden[column][r]);
    }

    private List<List<Row>> rows() {
        List<List<Row>> out = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            Map<String, Row> rows = byKey(columns.get(c));
            List<Row> column = new ArrayList<>();
            for (int r = 0; r < keys.size(); r++) {
                Row shown = rows.getOrDefault(keys.get(r), zero(template.get(keys.get(r))));
                Cell cell = shown.cell();
                if (hidden[c][r]) {
                    cell = new Cell(null, null, cell.unit(), true, counts[c][r] < Cell.THRESHOLD ? Cell.SMALL : HIDDEN);
                }
                column.add(new Row(shown.part(), shown.code(), shown.label(), cell));
            }
            out.add(column);
        }
        return out;
    }

    private static Row zero(Row template) {
        Cell cell = template.cell().count() != null ? Cell.count(0, false) : Cell.value(0, template.cell().unit(), 0,
                false);
        return new Row(template.part(), template.code(), template.label(), cell);
    }

    private static Map<String, Row> byKey(Tally tally) {
        Map<String, Row> rows = new HashMap<>();
        tally.rows().forEach(row -> rows.put(Tally.key(row), row));
        return rows;
    }
}
