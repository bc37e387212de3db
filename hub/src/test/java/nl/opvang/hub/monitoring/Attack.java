package nl.opvang.hub.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What someone who reads every answer the gemeente may get can compute (docs/MONITORING.md "Small cells"): named
 * columns of one figure's rows — published ones as the gemeente sees them beside the true (CT) numbers, and unpublished
 * ones (a secret location on its own, the clients from outside the region) whose every cell is unknown — and sums
 * between columns ({@code total = parts}, row by row) and within each column (the figure's relations). Every sum that
 * holds in the true numbers is an equation over the unknown cells (a stronger attacker than the gemeente, who does not
 * know which hold); a number under 5 of a published column, or any number of a secret one, is computable when its
 * unit vector lies in the span of the equations: then the test fails and names it.
 */
final class Attack {
    private record Column(List<Row> truth, List<Row> shown, boolean checked) {
    }

    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final List<List<String>> sums = new ArrayList<>();

    /**
     * A published column: {@code truth} CT's rows, {@code shown} the gemeente's. The same column published in two
     * answers is added twice under two names with {@link #same}: its hidden cells must agree, or each gives the other
     * away.
     */
    Attack published(String name, List<Row> truth, List<Row> shown) {
        put(name, new Column(truth, shown, true));
        return this;
    }

    /** A column never published whose cells must not be computed either (a secret location on its own). */
    Attack secret(String name, List<Row> truth) {
        put(name, new Column(truth, null, true));
        return this;
    }

    /** A column never published, each of its cells an unknown (the places of unknown kind). */
    Attack unknown(String name, List<Row> truth) {
        put(name, new Column(truth, null, false));
        return this;
    }

    private void put(String name, Column column) {
        if (columns.putIfAbsent(name, column) != null) {
            throw new IllegalArgumentException("column " + name + " twice");
        }
    }

    /** The rows of a published column as the gemeente sees them. */
    List<Row> shown(String name) {
        return columns.get(name).shown();
    }

    boolean has(String name) {
        return columns.containsKey(name);
    }

    /** Row by row, column {@code total} is the sum of {@code parts} (where that holds in the true numbers). */
    Attack sum(String total, List<String> parts) {
        List<String> names = new ArrayList<>(List.of(total));
        names.addAll(parts);
        names.forEach(name -> {
            if (!columns.containsKey(name)) {
                throw new IllegalArgumentException("no column " + name);
            }
        });
        sums.add(names);
        return this;
    }

    /** Two answers publish the same column. */
    Attack same(String one, String other) {
        return sum(one, List.of(other));
    }

    /** Fails when a hidden cell of a published column, or a cell of a secret one, can be computed. */
    void assertNothingComputable(String what, List<Tally.Relation> within) {
        List<String> names = List.copyOf(columns.keySet());
        List<String> keys = columns.get(names.get(0)).truth().stream().map(Tally::key).toList();
        List<int[]> unknowns = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            Column column = columns.get(names.get(c));
            assertEquals(keys, column.truth().stream().map(Tally::key).toList(), names.get(c) + ": the same rows");
            for (int r = 0; r < keys.size(); r++) {
                boolean unknown = column.shown() == null || column.shown().get(r).cell().suppressed();
                if (unknown && column.truth().get(r).cell().count() != null) {
                    index.put(c + "/" + r, unknowns.size());
                    unknowns.add(new int[] {c, r});
                }
            }
        }
        List<double[]> equations = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            for (Tally.Relation relation : within) {
                int total = keys.indexOf(relation.total());
                List<int[]> cells = new ArrayList<>();
                if (total >= 0) {
                    cells.add(new int[] {c, total, 1});
                }
                for (String part : relation.parts()) {
                    cells.add(new int[] {c, keys.indexOf(part), -1});
                }
                equation(equations, names, index, unknowns.size(), cells, total < 0);
            }
        }
        for (List<String> sum : sums) {
            for (int r = 0; r < keys.size(); r++) {
                if (columns.get(sum.get(0)).truth().get(r).cell().count() == null) {
                    continue;
                }
                List<int[]> cells = new ArrayList<>();
                for (int i = 0; i < sum.size(); i++) {
                    cells.add(new int[] {names.indexOf(sum.get(i)), r, i == 0 ? 1 : -1});
                }
                equation(equations, names, index, unknowns.size(), cells, false);
            }
        }
        boolean[] determined = Derivable.determined(equations, unknowns.size());
        for (int u = 0; u < unknowns.size(); u++) {
            int[] cell = unknowns.get(u);
            Column column = columns.get(names.get(cell[0]));
            // A number under 5, or any number of a secret location on its own, must stay unknown. (A number of 5 or
            // more hidden only to protect one under 5 may be computable when that one is not: a target group's.)
            Long count = column.truth().get(cell[1]).cell().count();
            boolean protectedCell = column.shown() == null || count < Cell.THRESHOLD;
            if (column.checked() && protectedCell && determined[u]) {
                throw new AssertionError(what + ": " + names.get(cell[0]) + " " + column.truth().get(cell[1])
                        + " is " + (column.shown() == null ? "not published" : "hidden as "
                        + column.shown().get(cell[1]).cell().shown()) + ", but can be computed from the shown numbers");
            }
        }
    }

    /** Adds the sum as an equation over the unknowns if it holds in the true numbers (a total elsewhere: known). */
    private void equation(List<double[]> equations, List<String> names, Map<String, Integer> index, int size,
                          List<int[]> cells, boolean totalElsewhere) {
        long sum = 0;
        double[] equation = new double[size];
        boolean any = false;
        for (int[] cell : cells) {
            Long count = columns.get(names.get(cell[0])).truth().get(cell[1]).cell().count();
            sum += cell[2] * (count == null ? 0 : count);
            Integer u = index.get(cell[0] + "/" + cell[1]);
            if (u != null) {
                equation[u] += cell[2];
                any = true;
            }
        }
        if (any && (totalElsewhere || sum == 0)) {
            equations.add(equation);
        }
    }
}
