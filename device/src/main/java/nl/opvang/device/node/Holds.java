package nl.opvang.device.node;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;

/** Placement requests received from the hub, in the node database; runs inside the caller's transaction. */
final class Holds {
    private Holds() {
    }

    static void add(Connection c, Command.Hold hold, Instant received) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT OR IGNORE INTO incoming_hold (hold, kind, bed, expires_ms, requested_by, accepted, received_ms)
                VALUES (?, ?, ?, ?, ?, 0, ?)""")) {
            insert.setString(1, hold.hold().toString());
            insert.setString(2, hold.kind().wire());
            insert.setString(3, hold.bed());
            insert.setLong(4, hold.expiresAt().toEpochMilli());
            insert.setString(5, hold.from());
            insert.setLong(6, received.toEpochMilli());
            insert.executeUpdate();
        }
    }

    static void remove(Connection c, UUID hold) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM incoming_hold WHERE hold = ?")) {
            delete.setString(1, hold.toString());
            delete.executeUpdate();
        }
    }

    /** An answer must name a hold the hub sent; a check-in naming a hold fulfils it. */
    static void apply(Connection c, Payload payload) throws SQLException {
        if (payload instanceof Payload.HoldAccepted accepted) {
            requireKnown(c, accepted.hold());
            try (PreparedStatement update = c.prepareStatement("UPDATE incoming_hold SET accepted = 1 WHERE hold = ?")) {
                update.setString(1, accepted.hold().toString());
                update.executeUpdate();
            }
        } else if (payload instanceof Payload.HoldRefused refused) {
            requireKnown(c, refused.hold());
            remove(c, refused.hold());
        } else if (payload instanceof Payload.CheckIn in && in.hold() != null) {
            remove(c, in.hold());
        }
    }

    private static void requireKnown(Connection c, UUID hold) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM incoming_hold WHERE hold = ?")) {
            select.setString(1, hold.toString());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new OperationRefused("hold " + hold + " is not a request for this location (or it ended)");
                }
            }
        }
    }

    static List<IncomingHold> list(Connection c) throws SQLException {
        List<IncomingHold> holds = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT hold, kind, bed, expires_ms, requested_by, accepted FROM incoming_hold ORDER BY received_ms, hold");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                holds.add(new IncomingHold(UUID.fromString(rows.getString("hold")), Kind.fromWire("kind", rows.getString("kind")),
                        rows.getString("bed"), Instant.ofEpochMilli(rows.getLong("expires_ms")), rows.getString("requested_by"),
                        rows.getBoolean("accepted")));
            }
        }
        return holds;
    }
}
