package nl.opvang.device.node;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * Placement requests received from the hub: the {@code incoming_hold} table's store in the node database; runs inside
 * the caller's transaction.
 */
final class Holds {
    private static final RowMapper<IncomingHold> HOLD = row -> new IncomingHold(UUID.fromString(row.getString("hold")),
            Kind.fromWire("kind", row.getString("kind")), row.getString("bed"), Instant.ofEpochMilli(row.getLong("expires_ms")),
            row.getString("requested_by"), row.getBoolean("accepted"), row.getBoolean("expected"));

    private Holds() {
    }

    /**
     * Stores a request, or an expected arrival when the hub sent it {@code accepted}; a request already here that the
     * hub has since accepted becomes one (with the bed the hub names). A request sent again changes nothing.
     */
    static void add(Connection c, Command.Hold hold, Instant received) throws SQLException {
        int accepted = hold.accepted() ? 1 : 0;
        Sql.update(c, """
                INSERT INTO incoming_hold (hold, kind, bed, expires_ms, requested_by, accepted, expected, received_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (hold) DO UPDATE SET accepted = 1, expected = 1, bed = coalesce(excluded.bed, bed)
                WHERE excluded.expected = 1""", hold.hold().toString(), hold.kind().wire(), hold.bed(),
                hold.expiresAt().toEpochMilli(), hold.from(), accepted, accepted, received.toEpochMilli());
    }

    static void remove(Connection c, UUID hold) throws SQLException {
        Sql.update(c, "DELETE FROM incoming_hold WHERE hold = ?", hold.toString());
    }

    /**
     * An answer must name a request the hub sent, never an expected arrival (accepted at the hub: refusing it here
     * would leave node and hub disagreeing); a check-in naming a hold fulfils it.
     */
    static void apply(Connection c, Payload payload) throws SQLException {
        if (payload instanceof Payload.HoldAccepted accepted) {
            requireAnswerable(c, accepted.hold());
            Sql.update(c, "UPDATE incoming_hold SET accepted = 1 WHERE hold = ?", accepted.hold().toString());
        } else if (payload instanceof Payload.HoldRefused refused) {
            requireAnswerable(c, refused.hold());
            remove(c, refused.hold());
        } else if (payload instanceof Payload.CheckIn in && in.hold() != null) {
            remove(c, in.hold());
        }
    }

    private static void requireAnswerable(Connection c, UUID hold) throws SQLException {
        int expected = Sql.first(c, "SELECT expected FROM incoming_hold WHERE hold = ?", row -> row.getInt(1),
                hold.toString()).orElseThrow(() -> new OperationRefused("hold " + hold
                        + " is not a request for this location (or it ended)"));
        if (expected == 1) {
            throw new OperationRefused("hold " + hold + " was accepted at the hub: check the person in on arrival");
        }
    }

    static List<IncomingHold> list(Connection c) throws SQLException {
        return Sql.list(c, """
                SELECT hold, kind, bed, expires_ms, requested_by, accepted, expected FROM incoming_hold
                ORDER BY received_ms, hold""", HOLD);
    }
}
