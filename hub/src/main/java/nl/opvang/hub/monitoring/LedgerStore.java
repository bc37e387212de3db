package nl.opvang.hub.monitoring;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import nl.opvang.hub.ingest.EventFollower;
import nl.opvang.hub.report.Nights;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.Payload;
import nl.opvang.sql.Sql;

/**
 * Keeps {@code monitor_stay} and {@code monitor_turn_away} up to date inside the ingest transaction (docs/MONITORING.md
 * "How the figures are kept"). A check-in opens a stay and decides, while the token is still linked, whether it is the
 * client's first stay ever, how many days since the last stay ended and how many stays the client had in 12 months. A
 * check-out ends the client's open stay; a new check-in on a bed still taken, or by a client with a stay still open,
 * ends the old stay "without check-out". A turn-away adds one to its night, location, kind and reason. Every event is
 * dated by its own time, bounded by its arrival ({@link EventTime}).
 */
public final class LedgerStore implements EventFollower {
    private static final long YEAR_MS = Duration.ofDays(365).toMillis();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    @Override
    public void applied(Connection connection, Envelope envelope, Payload payload, long arrivalMs)
            throws SQLException {
        long atMs = EventTime.of(envelope.at(), arrivalMs); // the event's own time, bounded by arrival
        if (payload instanceof Payload.CheckIn in) {
            checkIn(connection, envelope, in, atMs);
        } else if (payload instanceof Payload.CheckOut out) {
            checkOut(connection, envelope, out, atMs);
        } else if (payload instanceof Payload.TurnAway away) {
            Sql.update(connection, """
                    INSERT INTO monitor_turn_away (night, location, kind, reason, count) VALUES (?, ?, ?, ?, 1)
                    ON CONFLICT (night, location, kind, reason) DO UPDATE SET count = count + 1""",
                    Nights.nightOf(Instant.ofEpochMilli(atMs)).toString(), envelope.site(),
                    away.kind() == null ? "" : away.kind().wire(), away.reason());
        }
    }

    private static void checkIn(Connection connection, Envelope envelope, Payload.CheckIn in, long atMs)
            throws SQLException {
        String kind = in.kind() != null ? in.kind().wire() : Sql.first(connection,
                "SELECT kind FROM place WHERE node = ? AND place = ?", row -> row.getString(1), envelope.node(), in.bed())
                .orElse("");
        Long token = tokenId(connection, in.token()).orElse(null);
        Instant at = Instant.ofEpochMilli(atMs);
        String last = StayNights.last(at).toString();
        if (in.bed() != null) {
            Sql.update(connection, """
                    UPDATE monitor_stay SET ended = 'no_check_out', out_ms = ?, last_night = ?
                    WHERE node = ? AND place = ? AND ended IS NULL""", atMs, last, envelope.node(), in.bed());
        }
        Sql.update(connection, """
                UPDATE monitor_stay SET ended = 'no_check_out', out_ms = ?, last_night = ?
                WHERE token_id = ? AND ended IS NULL""", atMs, last, token);
        long earlier = Sql.number(connection, "SELECT COUNT(*) FROM monitor_stay WHERE token_id = ?", 0, token);
        long lastOut = Sql.number(connection, "SELECT MAX(out_ms) FROM monitor_stay WHERE token_id = ?", -1, token);
        long inYear = Sql.number(connection, "SELECT COUNT(*) FROM monitor_stay WHERE token_id = ? AND in_ms >= ?", 0,
                token, atMs - YEAR_MS);
        Sql.update(connection, """
                INSERT INTO monitor_stay (location, node, session, seq, place, kind, token_id, origin, in_ms, first_night,
                    first_ever, days_since_last, stays_year)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", envelope.site(), envelope.node(), envelope.session(),
                envelope.seq(), in.bed(), kind, token, in.origin(), atMs, StayNights.first(at).toString(),
                earlier == 0 ? 1 : 0, lastOut < 0 ? null : (atMs - lastOut) / DAY_MS, inYear + 1);
    }

    private static void checkOut(Connection connection, Envelope envelope, Payload.CheckOut out, long atMs)
            throws SQLException {
        Optional<Long> token = tokenId(connection, out.token());
        if (token.isEmpty()) {
            return;
        }
        Sql.update(connection, """
                UPDATE monitor_stay SET ended = 'check_out', out_ms = ?, last_night = ?, destination = ?
                WHERE id = (SELECT id FROM monitor_stay WHERE token_id = ? AND node = ? AND ended IS NULL
                            ORDER BY in_ms DESC LIMIT 1)""", atMs, StayNights.last(Instant.ofEpochMilli(atMs)).toString(),
                out.destination(), token.get(), envelope.node());
    }

    private static Optional<Long> tokenId(Connection connection, String token) throws SQLException {
        return Sql.first(connection, "SELECT id FROM token WHERE token = ?", row -> row.getLong(1), token);
    }
}
