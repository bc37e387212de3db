package nl.opvang.hub.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.report.Nights;
import nl.opvang.hub.store.Database;

/**
 * Retention of the pseudonymous token links (DESIGN §5). A check-in and a check-out are one stay through their token;
 * once older than the retention period (by the hub's clock at arrival), the link is removed and the events are counted
 * per night, location and kind in {@code stay_count} instead: anonymous counts. A deletion request for one token removes
 * its links at once, whatever their age. Either way the event rows stay (the event log and the audit chain are not
 * touched, DESIGN §5), the token row goes, and the run is audited, without the token itself: audit entries hold no
 * personal data. The occupancy report reads {@code occupancy_night}, which has no tokens, so it answers the same after.
 *
 * <p>Every event counted in {@code stay_count} is an event whose link was removed, for whatever reason; events still
 * linked are not in it. So stays per night are {@code stay_count} plus the linked events, and a rerun counts nothing
 * twice.
 */
public final class Retention {
    /** The retention period when none is configured: a year (seed: what the regional reports look back on). */
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(365);
    static final String RUN = "retention.run";
    static final String FORGET = "token.forget";
    private static final ObjectMapper JSON = Json.mapper();
    /** Events unlinked per transaction. */
    private static final int BATCH = 5_000;

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final int batch;

    public Retention(Database database, AuditLog audit, Clock clock) {
        this(database, audit, clock, BATCH);
    }

    /** With {@code batch} events unlinked per transaction (tests use small batches). */
    Retention(Database database, AuditLog audit, Clock clock, int batch) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.batch = batch;
    }

    /** What one run did: events whose link was removed, and token rows deleted. */
    public record Result(int unlinked, int tokensDeleted) {
    }

    /** Anonymous counts of one night, location and kind. */
    public record StayCount(LocalDate night, String location, String kind, int checkIns, int checkOuts) {
    }

    /** Removes the token links of events that arrived more than {@code period} ago; audited as {@code actor}. */
    public Result reduceOlderThan(Duration period, String actor) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the retention period must be positive, not " + period);
        }
        Instant cutoff = clock.instant().minus(period);
        // In batches, each its own short transaction, so that a first run over years of events never holds the
        // writer (and so the ingest) for long.
        int total = 0;
        int done;
        do {
            done = database.transaction(connection -> unlink(connection, "e.received_ms < ?", cutoff.toEpochMilli(), batch));
            total += done;
        } while (done == batch);
        int unlinked = total;
        return database.transaction(connection -> {
            int deleted = deleteUnlinkedTokens(connection);
            if (unlinked > 0 || deleted > 0) {
                // A run that changed nothing (most of the hub's own runs) leaves no entry.
                audit.append(connection, actor, RUN, null, "before " + cutoff + ": unlinked " + unlinked + " events, deleted "
                        + deleted + " tokens");
            }
            return new Result(unlinked, deleted);
        });
    }

    /** A deletion request: removes every link of {@code token} and the token itself; audited without the token. */
    public Result forget(String token, String actor) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("give the token whose link is to be removed");
        }
        return database.transaction(connection -> {
            Long id = null;
            try (PreparedStatement find = connection.prepareStatement("SELECT id FROM token WHERE token = ?")) {
                find.setString(1, token.strip());
                try (ResultSet rows = find.executeQuery()) {
                    if (rows.next()) {
                        id = rows.getLong(1);
                    }
                }
            }
            int unlinked = id == null ? 0 : unlink(connection, "e.token_id = ?", id, Integer.MAX_VALUE);
            int deleted = 0;
            if (id != null) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM token WHERE id = ?")) {
                    delete.setLong(1, id);
                    deleted = delete.executeUpdate();
                }
            }
            audit.append(connection, actor, FORGET, null, id == null ? "no such token: nothing linked"
                    : "unlinked " + unlinked + " events, deleted the token");
            return new Result(unlinked, deleted);
        });
    }

    /** The anonymous counts, by night, location and kind. */
    public List<StayCount> counts() {
        return database.read(connection -> {
            List<StayCount> counts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT night, location, kind, check_ins, check_outs FROM stay_count ORDER BY night, location, kind""");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.add(new StayCount(LocalDate.parse(rows.getString(1)), rows.getString(2), rows.getString(3),
                            rows.getInt(4), rows.getInt(5)));
                }
            }
            return counts;
        });
    }

    /** Counts up to {@code limit} linked events matching {@code where} (check-ins and check-outs), then unlinks them. */
    private int unlink(Connection connection, String where, long parameter, int limit) throws SQLException {
        Map<List<String>, int[]> counts = new LinkedHashMap<>();
        List<Object[]> keys = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT e.node, e.session, e.seq, e.type, e.node_at, e.body, e.rejected, n.site
                FROM event e JOIN node n ON n.code = e.node
                WHERE e.token_id IS NOT NULL AND\s""" + where + " LIMIT ?")) {
            select.setLong(1, parameter);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(new Object[] {rows.getString(1), rows.getString(2), rows.getLong(3)});
                    String type = rows.getString(4);
                    boolean stay = type.equals("check_in") || type.equals("check_out");
                    if (stay && rows.getString(7) == null) {
                        LocalDate night = Nights.nightOf(Instant.parse(rows.getString(5)));
                        String kind = kind(connection, rows.getString(1), rows.getString(6));
                        int[] count = counts.computeIfAbsent(List.of(night.toString(), rows.getString(8), kind),
                                key -> new int[2]);
                        count[type.equals("check_in") ? 0 : 1]++;
                    }
                }
            }
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO stay_count (night, location, kind, check_ins, check_outs) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (night, location, kind) DO UPDATE SET check_ins = stay_count.check_ins + excluded.check_ins,
                    check_outs = stay_count.check_outs + excluded.check_outs""")) {
            for (Map.Entry<List<String>, int[]> count : counts.entrySet()) {
                upsert.setString(1, count.getKey().get(0));
                upsert.setString(2, count.getKey().get(1));
                upsert.setString(3, count.getKey().get(2));
                upsert.setInt(4, count.getValue()[0]);
                upsert.setInt(5, count.getValue()[1]);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        try (PreparedStatement clear = connection.prepareStatement(
                "UPDATE event SET token_id = NULL WHERE node = ? AND session = ? AND seq = ?")) {
            for (Object[] key : keys) {
                clear.setString(1, (String) key[0]);
                clear.setString(2, (String) key[1]);
                clear.setLong(3, (Long) key[2]);
                clear.addBatch();
            }
            clear.executeBatch();
        }
        return keys.size();
    }

    /** The kind the event names, else the kind of its bed, else {@code unknown}. */
    private static String kind(Connection connection, String node, String body) throws SQLException {
        JsonNode fields;
        try {
            fields = JSON.readTree(body);
        } catch (IOException e) {
            return "unknown";
        }
        if (fields.hasNonNull("kind")) {
            return fields.get("kind").asText();
        }
        if (fields.hasNonNull("bed")) {
            try (PreparedStatement place = connection.prepareStatement("SELECT kind FROM place WHERE node = ? AND place = ?")) {
                place.setString(1, node);
                place.setString(2, fields.get("bed").asText());
                try (ResultSet rows = place.executeQuery()) {
                    if (rows.next()) {
                        return rows.getString(1);
                    }
                }
            }
        }
        return "unknown";
    }

    private static int deleteUnlinkedTokens(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("""
                DELETE FROM token WHERE NOT EXISTS (SELECT 1 FROM event WHERE event.token_id = token.id)""")) {
            return delete.executeUpdate();
        }
    }
}
