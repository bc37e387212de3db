package nl.opvang.hub.monitoring;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.opvang.protocol.Destination;
import nl.opvang.sql.Sql;

/**
 * The figures about stays, from {@code monitor_stay} (docs/MONITORING.md, one section per figure). A client is a
 * token; a stay whose token link retention removed counts as one more client, and the answer says it is an estimate.
 */
final class StayStore {
    /**
     * A restricted client's stays (AVG art. 18, the privacy feature's {@code privacy_restriction}) are left out of every
     * figure until the restriction is lifted: restricted data is kept, not used.
     */
    private static final String UNRESTRICTED =
            " AND NOT EXISTS (SELECT 1 FROM privacy_restriction r WHERE r.token_id = s.token_id)";

    /** Stays that slept at least one night of the period ({@code ?}: to, now, from, now). */
    private static final String OVERLAPS = " AND s.first_night <= ? AND COALESCE(s.last_night, ?) >= ?"
            + " AND COALESCE(s.last_night, ?) >= s.first_night";

    private final Connection connection;
    private final Selection selection;
    private final String now;
    private final Municipalities municipalities;

    StayStore(Connection connection, Selection selection, String now, Municipalities municipalities) {
        this.connection = connection;
        this.selection = selection;
        this.now = now;
        this.municipalities = municipalities;
    }

    /** Clients and nights: unique clients, stays and nights slept in the period. */
    void clients(Tally tally) throws SQLException {
        List<Object> p = new ArrayList<>();
        String where = selection.where("s", "origin", p) + UNRESTRICTED + OVERLAPS;
        p.addAll(List.of(selection.to().toString(), now, selection.from().toString(), now));
        long[] row = Sql.first(connection, """
                SELECT COUNT(DISTINCT s.token_id), SUM(s.token_id IS NULL), COUNT(*),
                    SUM(MAX(0, julianday(MIN(COALESCE(s.last_night, ?), ?)) - julianday(MAX(s.first_night, ?)) + 1))
                FROM monitor_stay s WHERE\s""" + where, r -> new long[] {r.getLong(1), r.getLong(2), r.getLong(3),
                r.getLong(4)}, prepend(p, now, selection.to().toString(), selection.from().toString())).orElseThrow();
        tally.estimate(row[1] > 0);
        tally.distinct("cliënten", "unique_clients", "Unieke cliënten", row[0] + row[1])
                .count("cliënten", "stays", "Verblijven", row[2])
                .count("cliënten", "nights", "Geslapen nachten", row[3]);
    }

    /** Inflow: stays that began in the period, first ever or returning, and where the clients came from. */
    void inflow(Tally tally) throws SQLException {
        List<Object> p = new ArrayList<>();
        String where = selection.where("s", "origin", p) + UNRESTRICTED + " AND s.first_night BETWEEN ? AND ?";
        p.addAll(List.of(selection.from().toString(), selection.to().toString()));
        long[] row = Sql.first(connection, "SELECT SUM(s.first_ever), COUNT(DISTINCT CASE WHEN s.first_ever = 0 THEN"
                + " s.token_id END), SUM(s.first_ever = 0 AND s.token_id IS NULL), COUNT(*) FROM monitor_stay s WHERE "
                + where, r -> new long[] {r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)}, p.toArray())
                .orElseThrow();
        tally.estimate(row[2] > 0);
        tally.count("instroom", "stays_started", "Nieuwe verblijven", row[3])
                .count("instroom", "first_ever", "Voor het eerst", row[0])
                .distinct("instroom", "returning", "Terugkerende cliënten", row[1] + row[2]);
        long[] byClass = new long[5];
        List<String> classes = List.of("regio", "elders", "passant", "buitenland", "onbekend");
        for (Object[] counted : Sql.list(connection, "SELECT " + municipalities.classSql("s.origin") + ", COUNT(*)"
                + " FROM monitor_stay s WHERE " + where + " GROUP BY 1", r -> new Object[] {r.getString(1),
                r.getLong(2)}, p.toArray())) {
            byClass[classes.indexOf((String) counted[0])] = (Long) counted[1];
        }
        for (int i = 0; i < classes.size(); i++) {
            tally.count("herkomst", classes.get(i), Labels.origin(classes.get(i)), byClass[i]);
        }
        tally.relation(Tally.key("instroom", "stays_started"), classes.stream().map(c -> Tally.key("herkomst", c))
                .toList());
        // One read for all origins (the period's stays once, not once per municipality).
        Map<String, Long> byOrigin = new java.util.HashMap<>();
        for (Object[] counted : Sql.list(connection, "SELECT s.origin, COUNT(*) FROM monitor_stay s WHERE " + where
                + " GROUP BY s.origin", r -> new Object[] {r.getString(1), r.getLong(2)}, p.toArray())) {
            byOrigin.put((String) counted[0], (Long) counted[1]);
        }
        List<String> perMunicipality = new ArrayList<>();
        for (String name : municipalities.names()) {
            String code = municipalities.code(name).orElseThrow();
            tally.count("gemeente", code, name, byOrigin.getOrDefault(code, 0L));
            perMunicipality.add(Tally.key("gemeente", code));
        }
        tally.relation(Tally.key("herkomst", "regio"), perMunicipality);
    }

    /** Revolving door: clients at their {@code n}-th stay or more in 12 months, and re-entry after 30 and 90 days. */
    void revolvingDoor(Tally tally, int n) throws SQLException {
        List<Object> p = new ArrayList<>();
        String where = selection.where("s", "origin", p) + UNRESTRICTED + " AND s.first_night BETWEEN ? AND ?";
        p.addAll(List.of(selection.from().toString(), selection.to().toString()));
        long[] row = Sql.first(connection, "SELECT COUNT(DISTINCT CASE WHEN s.stays_year >= ? THEN s.token_id END),"
                + " SUM(s.stays_year = ? AND s.token_id IS NULL), SUM(s.days_since_last <= 30),"
                + " SUM(s.days_since_last <= 90), SUM(s.days_since_last IS NOT NULL) FROM monitor_stay s WHERE " + where,
                r -> new long[] {r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)},
                prepend(p, n, n)).orElseThrow();
        tally.estimate(row[1] > 0);
        tally.distinct("draaideur", "clients_n_stays", "Cliënten met " + n + " of meer verblijven in 12 maanden",
                        row[0] + row[1])
                .count("draaideur", "reentry_30", "Terug binnen 30 dagen na vertrek", row[2])
                .count("draaideur", "reentry_90", "Terug binnen 90 dagen na vertrek", row[3])
                .count("draaideur", "reentry_any", "Terug na een eerder verblijf", row[4]);
    }

    /** Length of stay: stays that ended in the period by nights slept, and those over the targets. */
    void lengthOfStay(Tally tally) throws SQLException {
        List<Object> p = new ArrayList<>();
        String where = selection.where("s", "origin", p) + UNRESTRICTED + " AND s.ended IS NOT NULL AND s.last_night BETWEEN ? AND ?";
        p.addAll(List.of(selection.from().toString(), selection.to().toString()));
        String nights = "MAX(0, julianday(s.last_night) - julianday(s.first_night) + 1)";
        long[] row = Sql.first(connection, "SELECT SUM(n <= 1), SUM(n BETWEEN 2 AND 3), SUM(n BETWEEN 4 AND 7),"
                + " SUM(n BETWEEN 8 AND 30), SUM(n BETWEEN 31 AND 91), SUM(n > 91),"
                + " SUM(n > 91 AND COALESCE(domain, 'mo') = 'mo'), SUM(n > 3 AND kind IN ('crisis', 'nood')),"
                + " SUM(n > 3), COUNT(*) FROM (SELECT " + nights + " AS n, s.kind, l.domain FROM monitor_stay s"
                + " LEFT JOIN location l ON l.code = s.location WHERE " + where + ")", r -> new long[] {r.getLong(1),
                r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8),
                r.getLong(9), r.getLong(10)}, p.toArray()).orElseThrow();
        String[][] buckets = {{"nights_1", "0 of 1 nacht"}, {"nights_2_3", "2 tot 3 nachten"}, {"nights_4_7",
            "4 tot 7 nachten"}, {"nights_8_30", "8 tot 30 nachten"}, {"nights_31_91", "31 tot 91 nachten"},
            {"nights_over_91", "Meer dan 91 nachten"}};
        tally.count("verblijfsduur", "ended", "Beëindigde verblijven", row[9]);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            tally.count("verblijfsduur", buckets[i][0], buckets[i][1], row[i]);
            parts.add(Tally.key("verblijfsduur", buckets[i][0]));
        }
        tally.relation(Tally.key("verblijfsduur", "ended"), parts);
        tally.count("norm", "mo_over_3_months", "MO: langer dan drie maanden (91 nachten)", row[6])
                .count("norm", "crisis_over_3_days", "Crisis- of noodbed: langer dan drie nachten", row[7])
                .count("norm", "consecutive_over_3", "Meer dan drie nachten aaneen", row[8]);
    }

    /**
     * Destinations of the stays that ended in the period, those that ended without a check-out, and those checked out
     * without the pass (counted in their destination too: staff still checked them out).
     */
    void destinations(Tally tally) throws SQLException {
        List<Object> p = new ArrayList<>();
        String where = selection.where("s", "origin", p) + UNRESTRICTED + " AND s.ended IS NOT NULL AND s.last_night BETWEEN ? AND ?";
        p.addAll(List.of(selection.from().toString(), selection.to().toString()));
        List<Object[]> rows = Sql.list(connection, "SELECT CASE WHEN s.ended = 'no_check_out' THEN NULL ELSE"
                + " COALESCE(s.destination, 'onbekend') END AS d, COUNT(*), SUM(s.ended = 'without_pass')"
                + " FROM monitor_stay s WHERE " + where + " GROUP BY d ORDER BY d",
                r -> new Object[] {r.getString(1), r.getLong(2), r.getLong(3)}, p.toArray());
        long without = 0;
        long withoutPass = 0;
        Map<String, Long> byCode = new TreeMap<>();
        for (Object[] row : rows) {
            withoutPass += (Long) row[2];
            if (row[0] == null) {
                without = (Long) row[1];
            } else {
                byCode.merge(Labels.destinationCode((String) row[0]), (Long) row[1], Long::sum);
            }
        }
        // Every code of the vocabulary, also at 0, so that the rows of each location are the same rows.
        Destination.codes().forEach(code -> byCode.putIfAbsent(code, 0L));
        List<String> parts = new ArrayList<>();
        byCode.forEach((code, count) -> {
            tally.count("bestemming", code, Labels.destination(code), count);
            parts.add(Tally.key("bestemming", code));
        });
        tally.count("zonder uitchecken", "no_check_out", "Geëindigd zonder uitchecken", without);
        parts.add(Tally.key("zonder uitchecken", "no_check_out"));
        // Together they are the stays that ended, which the length-of-stay answer publishes (its row "ended").
        tally.relation(Tally.key("verblijfsduur", "ended"), parts);
        // Those without the pass are also counted under their destination: a subset, not a part of the sum.
        tally.count("zonder pas", "without_pass", "Uitgecheckt zonder pas", withoutPass);
    }

    private static Object[] prepend(List<Object> parameters, Object... first) {
        List<Object> all = new ArrayList<>(List.of(first));
        all.addAll(parameters);
        return all.toArray();
    }
}
