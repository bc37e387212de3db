package nl.opvang.hub.monitoring;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.report.Nights;
import nl.opvang.protocol.HoldRefusal;
import nl.opvang.protocol.TurnAwayReason;
import nl.opvang.sql.Sql;

/**
 * The figures about places and requests (docs/MONITORING.md): occupancy and vacancy from {@code occupancy_night} (the
 * quarter-hourly samples, report.OccupancyRecorder), unmet demand from {@code monitor_turn_away} and the holds, and
 * placement from the holds ({@code hold}).
 */
final class PlaceStore {
    private final Connection connection;
    private final Selection selection;

    PlaceStore(Connection connection, Selection selection) {
        this.connection = connection;
        this.selection = selection;
    }

    /** Occupancy: place-nights, occupied place-nights, the rate, vacancy (free place-nights) and nights full. */
    void occupancy(Tally tally) throws SQLException {
        long[] row = occupancyRow();
        tally.count("bezetting", "place_nights", "Plekken × nachten", row[0])
                .count("bezetting", "occupied_nights", "Bezette plekken × nachten", row[1])
                .value("bezetting", "occupancy_rate", "Bezettingsgraad", row[0] == 0 ? 0 : 100.0 * row[1] / row[0], "%",
                        row[1], Tally.key("bezetting", "place_nights"), Tally.key("bezetting", "occupied_nights"),
                        Tally.key("bezetting", "vacancy"))
                .count("bezetting", "vacancy", "Leegstand (vrije plekken × nachten)", row[2])
                .count("bezetting", "nights_full", "Nachten dat een soort vol was (per locatie)", row[3])
                .relation(Tally.key("bezetting", "place_nights"), List.of(Tally.key("bezetting", "occupied_nights"),
                        Tally.key("bezetting", "vacancy")));
    }

    private long[] occupancyRow() throws SQLException {
        List<Object> p = new ArrayList<>();
        String where = selection.where("o", null, p) + " AND o.night BETWEEN ? AND ?";
        p.addAll(List.of(selection.from().toString(), selection.to().toString()));
        return Sql.first(connection, "SELECT SUM(o.capacity), SUM(MIN(o.occupied, o.capacity)),"
                + " SUM(MAX(o.capacity - o.occupied, 0)), SUM(o.capacity > 0 AND o.occupied >= o.capacity)"
                + " FROM occupancy_night o WHERE " + where, r -> new long[] {r.getLong(1), r.getLong(2), r.getLong(3),
                r.getLong(4)}, p.toArray()).orElseThrow();
    }

    /** Unmet demand: turn-aways per reason, refused and expired requests, nights with a kind full. */
    void unmetDemand(Tally tally) throws SQLException {
        List<Object> p = new ArrayList<>();
        String where = selection.where("t", null, p) + " AND t.night BETWEEN ? AND ?";
        p.addAll(List.of(selection.from().toString(), selection.to().toString()));
        List<Object[]> reasons = Sql.list(connection, "SELECT t.reason, SUM(t.count) FROM monitor_turn_away t WHERE "
                + where + " GROUP BY t.reason ORDER BY t.reason", r -> new Object[] {r.getString(1), r.getLong(2)},
                p.toArray());
        long total = reasons.stream().mapToLong(reason -> (Long) reason[1]).sum();
        tally.count("weggestuurd", "turn_aways", "Weggestuurd (totaal)", total);
        // Every reason of the vocabulary, also at 0, so that the rows of each location are the same rows.
        Map<String, Long> byReason = new LinkedHashMap<>();
        TurnAwayReason.codes().forEach(code -> byReason.put(code, 0L));
        reasons.forEach(reason -> byReason.merge((String) reason[0], (Long) reason[1], Long::sum));
        List<String> parts = new ArrayList<>();
        byReason.forEach((code, count) -> {
            tally.count("weggestuurd", code, Labels.reason(code), count);
            parts.add(Tally.key("weggestuurd", code));
        });
        tally.relation(Tally.key("weggestuurd", "turn_aways"), parts);
        long[] holds = holdCounts();
        tally.count("aanvragen", "refused", "Aanvragen geweigerd", holds[2])
                .count("aanvragen", "expired", "Aanvragen verlopen zonder antwoord", holds[3])
                .count("volle nachten", "nights_full", "Nachten dat een soort vol was (per locatie)", occupancyRow()[3]);
    }

    /** Placement: requests, accepted, refused (by reason), expired, and the time to an answer. */
    void placement(Tally tally) throws SQLException {
        long[] holds = holdCounts();
        tally.count("aanvragen", "requests", "Aanvragen", holds[0])
                .count("aanvragen", "accepted", "Geaccepteerd", holds[1])
                .count("aanvragen", "refused", "Geweigerd", holds[2])
                .count("aanvragen", "expired", "Verlopen zonder antwoord", holds[3])
                .value("aanvragen", "minutes_to_answer", "Gemiddelde tijd tot antwoord", holds[4] == 0 ? 0
                        : holds[5] / 60_000.0 / holds[4], "min", holds[4])
                // Requests still waiting are not shown: where there are none, the three add up to the requests.
                .relation(Tally.key("aanvragen", "requests"), List.of(Tally.key("aanvragen", "accepted"),
                        Tally.key("aanvragen", "refused"), Tally.key("aanvragen", "expired")));
        // Per reason of the one vocabulary (protocol HoldRefusal), also at 0; any other text counts as "Anders".
        Map<HoldRefusal, Long> byReason = new EnumMap<>(HoldRefusal.class);
        for (HoldRefusal refusal : HoldRefusal.values()) {
            byReason.put(refusal, 0L);
        }
        List<Object> p = new ArrayList<>();
        String where = holdWhere(p) + " AND h.state = 'refused'";
        for (Object[] row : Sql.list(connection, "SELECT h.refusal, COUNT(*) FROM " + HOLDS + " WHERE " + where
                + " GROUP BY h.refusal", r -> new Object[] {r.getString(1), r.getLong(2)}, p.toArray())) {
            byReason.merge(HoldRefusal.of((String) row[0]), (Long) row[1], Long::sum);
        }
        List<String> parts = new ArrayList<>();
        byReason.forEach((refusal, count) -> {
            tally.count("geweigerd om", refusal.code(), refusal.label(), count);
            parts.add(Tally.key("geweigerd om", refusal.code()));
        });
        tally.relation(Tally.key("aanvragen", "refused"), parts);
    }

    private static final String HOLDS = "(SELECT site AS location, kind, state, refusal, accepted_bed, created_ms,"
            + " answered_ms FROM hold) h";

    private String holdWhere(List<Object> p) {
        String where = selection.where("h", null, p) + " AND h.created_ms >= ? AND h.created_ms < ?";
        p.add(Nights.start(selection.from()).toEpochMilli());
        p.add(Nights.end(selection.to()).toEpochMilli());
        return where;
    }

    /** Requests, accepted, refused, expired, answered, and the sum of the answer times in ms. */
    private long[] holdCounts() throws SQLException {
        List<Object> p = new ArrayList<>();
        String where = holdWhere(p);
        return Sql.first(connection, "SELECT COUNT(*), SUM(h.answered_ms IS NOT NULL AND h.state <> 'refused'),"
                + " SUM(h.state = 'refused'),"
                + " SUM(h.state = 'expired' AND h.answered_ms IS NULL), SUM(h.answered_ms IS NOT NULL),"
                + " SUM(h.answered_ms - h.created_ms) FROM " + HOLDS + " WHERE " + where, r -> new long[] {r.getLong(1),
                r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)}, p.toArray()).orElseThrow();
    }
}
