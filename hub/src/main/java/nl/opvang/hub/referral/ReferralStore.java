package nl.opvang.hub.referral;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.opvang.protocol.Kind;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/** The {@code referral} table (V54): run inside the caller's transaction or read. */
final class ReferralStore {
    private static final String COLUMNS = """
            id, desk, region, urgency, adults, children, state, requester_id, requester_name, created_ms, respond_by_ms,
            answered_ms, ended_ms, refusal, hold, site, kind, elsewhere""";
    /** Lists show the most recent referrals; older ones are in the audit log. */
    private static final int LIST_LIMIT = 300;
    private static final RowMapper<Referral> REFERRAL = row -> new Referral(UUID.fromString(row.getString("id")),
            row.getString("desk"), row.getString("region"), Referral.Urgency.fromWire(row.getString("urgency")),
            row.getInt("adults"), row.getInt("children"), Referral.State.fromWire(row.getString("state")),
            row.getLong("requester_id"), row.getString("requester_name"), Instant.ofEpochMilli(row.getLong("created_ms")),
            Instant.ofEpochMilli(row.getLong("respond_by_ms")), millis(row, "answered_ms"), millis(row, "ended_ms"),
            row.getString("refusal"), row.getString("hold") == null ? null : UUID.fromString(row.getString("hold")),
            row.getString("site"), row.getString("kind") == null ? null : Kind.fromWire("kind", row.getString("kind")),
            row.getInt("elsewhere") == 1);

    private ReferralStore() {
    }

    static void insert(Connection c, Referral referral, String sealedNotes) throws SQLException {
        Sql.update(c, "INSERT INTO referral (" + COLUMNS + ", notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?)", referral.id().toString(), referral.desk(), referral.region(), referral.urgency().wire(),
                referral.adults(), referral.children(), referral.state().wire(), referral.requesterId(),
                referral.requester(), referral.createdAt().toEpochMilli(), referral.respondBy().toEpochMilli(), null, null,
                null, null, null, null, 0, sealedNotes);
    }

    /**
     * Writes a referral's new state. When it has ended, its notes and instructions are deleted (docs/DESIGN.md §5);
     * {@code sealedInstructions} are written when given, and dropped when the referral is back in the queue.
     */
    static void update(Connection c, Referral referral, String sealedInstructions) throws SQLException {
        boolean ended = !referral.state().active();
        boolean reopened = referral.state() == Referral.State.REQUESTED;
        Sql.update(c, """
                UPDATE referral SET state = ?, answered_ms = ?, ended_ms = ?, refusal = ?, hold = ?, site = ?, kind = ?,
                    elsewhere = ?, notes = CASE WHEN ? THEN NULL ELSE notes END,
                    instructions = CASE WHEN ? THEN NULL WHEN ? IS NOT NULL THEN ? ELSE instructions END
                WHERE id = ?""", referral.state().wire(), millis(referral.answeredAt()), millis(referral.endedAt()),
                referral.refusal(), referral.hold() == null ? null : referral.hold().toString(), referral.site(),
                referral.kind() == null ? null : referral.kind().wire(), referral.elsewhere() ? 1 : 0, ended ? 1 : 0,
                ended || reopened ? 1 : 0, sealedInstructions, sealedInstructions, referral.id().toString());
    }

    static Optional<Referral> find(Connection c, UUID id) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM referral WHERE id = ?", REFERRAL, id.toString());
    }

    static Optional<Referral> byHold(Connection c, UUID hold) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM referral WHERE hold = ?", REFERRAL, hold.toString());
    }

    /** {@code column}: {@code notes} or {@code instructions}, still sealed. */
    static Optional<String> sealed(Connection c, UUID id, String column) throws SQLException {
        String query = "notes".equals(column) ? "SELECT notes FROM referral WHERE id = ?"
                : "SELECT instructions FROM referral WHERE id = ?";
        return Sql.first(c, query, row -> row.getString(1), id.toString());
    }

    /** The most recent referrals, newest first. */
    static List<Referral> recent(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM referral ORDER BY created_ms DESC, id LIMIT " + LIST_LIMIT,
                REFERRAL);
    }

    /** Active referrals that are due to end: accepted elsewhere before {@code answeredBefore}, or never answered. */
    static List<Referral> due(Connection c, long answeredBefore, long createdBefore) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM referral WHERE (state = 'accepted' AND elsewhere = 1"
                + " AND answered_ms < ?) OR (state = 'requested' AND created_ms < ?)", REFERRAL, answeredBefore,
                createdBefore);
    }

    private static Instant millis(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Long millis(Instant value) {
        return value == null ? null : value.toEpochMilli();
    }
}
