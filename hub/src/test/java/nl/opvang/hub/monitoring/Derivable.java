package nl.opvang.hub.monitoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a hidden number of a suppressed table can be computed from the numbers it shows: a table is columns of rows
 * (column 0 the total, the others parts that add up to it row by row), and within each column the figure's relations
 * (a total row and its part rows). Every relation that holds in the true (CT) numbers is an equation over the hidden
 * cells; a hidden cell is computable when its unit vector lies in the span of the equations (linear algebra, exact
 * enough for these small counts with partial pivoting).
 */
final class Derivable {
    private Derivable() {
    }

    static void assertNoneDerivable(String what, List<List<Row>> truth, List<List<Row>> shown,
                                    List<Tally.Relation> relations) {
        List<int[]> unknowns = new ArrayList<>();
        for (int c = 0; c < shown.size(); c++) {
            for (int r = 0; r < shown.get(c).size(); r++) {
                Cell cell = shown.get(c).get(r).cell();
                if (cell.suppressed() && truth.get(0).get(r).cell().count() != null) {
                    unknowns.add(new int[] {c, r});
                }
            }
        }
        List<double[]> equations = new ArrayList<>();
        List<String> keys = truth.get(0).stream().map(Tally::key).toList();
        for (int column = 0; column < truth.size(); column++) {
            int c = column;
            for (Tally.Relation relation : relations) {
                List<int[]> cells = new ArrayList<>();
                int total = keys.indexOf(relation.total());
                if (total >= 0) {
                    cells.add(new int[] {c, total, 1});
                }
                relation.parts().forEach(part -> cells.add(new int[] {c, keys.indexOf(part), -1}));
                add(equations, truth, unknowns, cells, total < 0);
            }
        }
        for (int r = 0; truth.size() > 1 && r < keys.size(); r++) {
            if (truth.get(0).get(r).cell().count() == null) {
                continue;
            }
            List<int[]> cells = new ArrayList<>();
            cells.add(new int[] {0, r, 1});
            for (int c = 1; c < truth.size(); c++) {
                cells.add(new int[] {c, r, -1});
            }
            add(equations, truth, unknowns, cells, false);
        }
        for (int u = 0; u < unknowns.size(); u++) {
            int[] cell = unknowns.get(u);
            assertTrue(!determined(equations, u, unknowns.size()), what + ": hidden " + shown.get(cell[0]).get(cell[1])
                    + " in column " + cell[0] + " can be computed from the shown numbers");
        }
    }

    /** Adds the relation as an equation over the unknowns if it holds in the true numbers (a total elsewhere: known). */
    private static void add(List<double[]> equations, List<List<Row>> truth, List<int[]> unknowns, List<int[]> cells,
                            boolean totalElsewhere) {
        long sum = 0;
        double[] equation = new double[unknowns.size()];
        boolean any = false;
        for (int[] cell : cells) {
            Long count = truth.get(cell[0]).get(cell[1]).cell().count();
            sum += cell[2] * (count == null ? 0 : count);
            for (int u = 0; u < unknowns.size(); u++) {
                if (unknowns.get(u)[0] == cell[0] && unknowns.get(u)[1] == cell[1]) {
                    equation[u] += cell[2];
                    any = true;
                }
            }
        }
        if (any && (totalElsewhere || sum == 0)) {
            equations.add(equation);
        }
    }

    /** Whether unknown {@code u} is fixed by the equations: adding its unit vector does not raise the rank. */
    private static boolean determined(List<double[]> equations, int u, int size) {
        List<double[]> with = new ArrayList<>(equations);
        double[] unit = new double[size];
        unit[u] = 1;
        with.add(unit);
        return rank(equations, size) == rank(with, size);
    }

    /**
     * For every unknown whether the equations fix it: its unit vector lies in their row space, that is, in the reduced
     * row echelon form it is a pivot whose row has no other entry. One elimination for all unknowns.
     */
    static boolean[] determined(List<double[]> rows, int size) {
        Reduced reduced = reduce(rows, size);
        boolean[] determined = new boolean[size];
        for (int u = 0; u < size; u++) {
            if (reduced.pivotOf[u] >= 0) {
                determined[u] = true;
                for (int j = 0; j < size; j++) {
                    if (j != u && Math.abs(reduced.m[reduced.pivotOf[u]][j]) > 1e-9) {
                        determined[u] = false;
                        break;
                    }
                }
            }
        }
        return determined;
    }

    static int rank(List<double[]> rows, int size) {
        return reduce(rows, size).rank;
    }

    /** {@code rows} in reduced row echelon form: each pivot column's row, or -1, and the number of pivots. */
    private record Reduced(double[][] m, int[] pivotOf, int rank) {
    }

    private static Reduced reduce(List<double[]> rows, int size) {
        double[][] m = rows.stream().map(double[]::clone).toArray(double[][]::new);
        int[] pivotOf = new int[size];
        java.util.Arrays.fill(pivotOf, -1);
        int rank = 0;
        for (int col = 0; col < size && rank < m.length; col++) {
            int pivot = rank;
            for (int i = rank + 1; i < m.length; i++) {
                if (Math.abs(m[i][col]) > Math.abs(m[pivot][col])) {
                    pivot = i;
                }
            }
            if (Math.abs(m[pivot][col]) < 1e-9) {
                continue;
            }
            double[] swap = m[pivot];
            m[pivot] = m[rank];
            m[rank] = swap;
            double scale = m[rank][col];
            for (int j = col; j < size; j++) {
                m[rank][j] /= scale;
            }
            for (int i = 0; i < m.length; i++) {
                if (i != rank && Math.abs(m[i][col]) > 0) {
                    double factor = m[i][col];
                    for (int j = col; j < size; j++) {
                        m[i][j] -= factor * m[rank][j];
                    }
                }
            }
            pivotOf[col] = rank;
            rank++;
        }
        return new Reduced(m, pivotOf, rank);
    }
}
