package nl.opvang.hub.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one answer as they are counted, unsuppressed, with what {@link Suppression} needs to suppress them for
 * the gemeente (docs/MONITORING.md "Small cells"): the base of each derived value, the rows a value reveals, and the
 * relations between rows (a total and the parts that add up to it).
 */
final class Tally {
    /** A total and its parts: {@code total} = the sum of {@code parts} (keys {@code part/code}). */
    record Relation(String total, List<String> parts) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Long> bases = new HashMap<>();
    private final Map<String, List<String>> reveals = new HashMap<>();
    private final List<Relation> relations = new ArrayList<>();
    private final List<String> distinct = new ArrayList<>();
    private boolean estimate;

    Tally count(String part, String code, String label, long count) {
        rows.add(new Row(part, code, label, Cell.count(count, false)));
        return this;
    }

    /** A count of distinct clients: not the sum of the same count per location (one client can stay at two). */
    Tally distinct(String part, String code, String label, long count) {
        distinct.add(key(part, code));
        return count(part, code, label, count);
    }

    /**
     * A value derived from {@code base} counted people or place-nights; {@code from}: the count rows (keys) it and the
     * other shown numbers would give away, so it is hidden with any of them.
     */
    Tally value(String part, String code, String label, double value, String unit, long base, String... from) {
        rows.add(new Row(part, code, label, Cell.value(value, unit, base, false)));
        bases.put(key(part, code), base);
        reveals.put(key(part, code), List.of(from));
        return this;
    }

    /** Declares that the row {@code total} is the sum of the rows {@code parts} (keys {@code part/code}). */
    Tally relation(String total, List<String> parts) {
        relations.add(new Relation(total, List.copyOf(parts)));
        return this;
    }

    static String key(String part, String code) {
        return part + "/" + code;
    }

    static String key(Row row) {
        return key(row.part(), row.code());
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

    Map<String, Long> bases() {
        return Map.copyOf(bases);
    }

    Map<String, List<String>> reveals() {
        return Map.copyOf(reveals);
    }

    List<Relation> relations() {
        return List.copyOf(relations);
    }

    /** Keys of the rows that count distinct clients (not additive over locations). */
    List<String> distinct() {
        return List.copyOf(distinct);
    }
}
