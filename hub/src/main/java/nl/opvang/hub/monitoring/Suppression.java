package nl.opvang.hub.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small-cell suppression for the gemeente (docs/MONITORING.md "Small cells"), over a table of answers to one figure:
 * column 0 the total, the others its parts (the locations of a breakdown, or the kinds of a kind filter), which add up
 * to the total row by row. Primary: every count under {@link Cell#THRESHOLD} and every value derived from fewer is
 * hidden ("&lt; 5"). Secondary (complementary): a relation — a total and the parts that add up to it, within a column
 * (the figure's {@link Tally.Relation}s) or along a row (the total column and the parts) — with exactly one hidden
 * number would give it away by subtraction, so the smallest shown part of that relation is hidden too ("verborgen"),
 * until no relation has exactly one hidden number. A derived value is hidden with the counts it would give away.
 */
final class Suppression {
    static final String HIDDEN = "verborgen";

    private final List<Tally> columns;
    private final List<String> keys;
    private final Map<String, Row> template = new HashMap<>();
    private final long[][] counts;
    private final boolean[][] hidden;
    private final boolean[][] value;

    private Suppression(List<Tally> columns) {
        this.columns = columns;
        this.keys = columns.get(0).rows().stream().map(Tally::key).toList();
        columns.get(0).rows().forEach(row -> template.put(Tally.key(row), row));
        counts = new long[columns.size()][keys.size()];
        hidden = new boolean[columns.size()][keys.size()];
        value = new boolean[columns.size()][keys.size()];
    }

    /** The rows of each column, suppressed and aligned to the total's rows (a row a part lacks counts 0). */
    static List<List<Row>> apply(List<Tally> columns) {
        Suppression table = new Suppression(columns);
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
                hidden[c][r] = counts[c][r] < Cell.THRESHOLD;
            }
        }
    }

    /** Relations as lists of cells {column, row}: the first the total (null: published in another answer). */
    private List<int[][]> relations() {
        List<int[][]> relations = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
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
        for (int r = 0; columns.size() > 1 && r < keys.size(); r++) {
            if (!value[0][r]) {
                int[][] cells = new int[columns.size()][];
                for (int c = 0; c < columns.size(); c++) {
                    cells[c] = new int[] {c, r};
                }
                relations.add(cells);
            }
        }
        return relations;
    }

    private void secondary() {
        List<int[][]> relations = relations();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[][] relation : relations) {
                changed |= protect(relation);
            }
            for (int c = 0; c < columns.size(); c++) {
                for (int r = 0; r < keys.size(); r++) {
                    if (value[c][r] && !hidden[c][r] && revealsHidden(c, keys.get(r))) {
                        hidden[c][r] = true;
                    }
                }
            }
        }
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
            } else if (i > 0 && (smallest == null || counts[cell[0]][cell[1]] < counts[smallest[0]][smallest[1]])) {
                smallest = cell;
            }
        }
        if (unknown != 1) {
            return false;
        }
        int[] hide = smallest != null ? smallest : relation[0];
        if (hide == null || hidden[hide[0]][hide[1]]) {
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
