package nl.opvang.hub.monitoring;

import java.util.ArrayList;
import java.util.List;

/** The rows of one answer as they are counted, each count suppressed or not as the caller's role needs. */
final class Tally {
    private final boolean suppress;
    private final List<Row> rows = new ArrayList<>();
    private boolean estimate;

    Tally(boolean suppress) {
        this.suppress = suppress;
    }

    Tally count(String part, String code, String label, long count) {
        rows.add(new Row(part, code, label, Cell.count(count, suppress)));
        return this;
    }

    Tally value(String part, String code, String label, double value, String unit, long base) {
        rows.add(new Row(part, code, label, Cell.value(value, unit, base, suppress)));
        return this;
    }

    /** Marks the answer as an estimate: it counted clients whose token link retention removed. */
    void estimate(boolean estimated) {
        estimate |= estimated;
    }

    boolean estimate() {
        return estimate;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }
}
