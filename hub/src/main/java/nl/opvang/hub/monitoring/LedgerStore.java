package nl.opvang.hub.monitoring;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import nl.opvang.hub.ingest.EventFollower;
import nl.opvang.hub.report.Nights;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.Payload;
import nl.opvang.sql.KeptStatements;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Statements;

/**
 * Keeps {@code monitor_stay} and {@code monitor_turn_away} up to date inside the ingest transaction (docs/MONITORING.md
 * "How the figures are kept"). A check-in opens a stay and decides, while the token is still linked, whether it is the
 * client's first stay ever, how many days since the last stay ended and how many stays the client had in 12 months. A
 * check-out ends the client's open stay (one without the pass: the stay on that bed, ended "without pass"; one whose
 * token an erasure unlinked from the stay: the stay on that bed); a new check-in on a bed still taken, or by a client
 * with a stay still open, ends the old stay "without check-out". A
 * turn-away adds one to its night, location, kind and reason. Every event is dated by its own time, bounded by its
 * arrival ({@link EventTime}).
 */
public final class LedgerStore implements EventFollower {
    private static final long YEAR_MS = Duration.ofDays(365).toMillis();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    /**
     * What a check-in asks of the client's earlier stays, in one range scan of the token index (V66): has the client
     * stayed before, when did the last stay end, how many stays began in the last 12 months.
     */
    static final String HISTORY = """
            SELECT COUNT(*), MAX(out_ms), COUNT(CASE WHEN in_ms >= ?2 THEN 1 END) FROM monitor_stay WHERE token_id = ?1""";
    /** A check-in ends the client's open stay, if any, "without check-out". */
    static final String END_TOKEN_OPEN = """
            UPDATE monitor_stay SET ended = 'no_check_out', out_ms = ?, last_night = ?
            WHERE token_id = ? AND ended IS NULL""";
    /** A check-in on a bed still taken ends the stay on it "without check-out". */
    static final String END_BED_OPEN = """
            UPDATE monitor_stay SET ended = 'no_check_out', out_ms = ?, last_night = ?
            WHERE node = ? AND place = ? AND ended IS NULL""";
    /**
     * A check-out ends the client's open stay at this node: a client has at most one open stay (a check-in ends the one
     * before, {@link #END_TOKEN_OPEN}).
     */
    static final String CHECK_OUT = """
            UPDATE monitor_stay SET ended = ?, out_ms = ?, last_night = ?, destination = ?
            WHERE token_id = ? AND node = ? AND ended IS NULL""";

    /** The writing connection's statements, kept across its transactions. */
    private final KeptStatements statements = new KeptStatements();

    @Override
    public EventFollower.Work begin(Connection connection) {
        return new Work(statements.on(connection));
    }

    /** A client at a check-in: stayed before, when the last stay ended (-1: never), stays in the last 12 months. */
    private record History(boolean earlier, long lastOut, long inYear) {
        static final History NONE = new History(false, -1, 0);
        static final RowMapper<History> ROW = row -> {
            long lastOut = row.getLong(2);
            return new History(row.getLong(1) > 0, row.wasNull() ? -1 : lastOut, row.getLong(3));
        };
    }

    /** One ingest transaction's part: its statements are prepared on first use and kept for the next batches. */
    private record Work(Statements sql) implements EventFollower.Work {
        @Override
        public void applied(Envelope envelope, Payload payload, Long token, long arrivalMs) throws SQLException {
            long atMs = EventTime.of(envelope.at(), arrivalMs); // the event's own time, bounded by arrival
            if (payload instanceof Payload.CheckIn in) {
                checkIn(envelope, in, token, atMs);
            } else if (payload instanceof Payload.CheckOut out) {
                checkOut(envelope, out, token, atMs);
            } else if (payload instanceof Payload.TurnAway away) {
                sql.update("""
                        INSERT INTO monitor_turn_away (night, location, kind, reason, count) VALUES (?, ?, ?, ?, 1)
                        ON CONFLICT (night, location, kind, reason) DO UPDATE SET count = count + 1""",
                        Nights.nightOf(Instant.ofEpochMilli(atMs)).toString(), envelope.site(),
                        away.kind() == null ? "" : away.kind().wire(), away.reason());
            }
        }

        private void checkIn(Envelope envelope, Payload.CheckIn in, Long token, long atMs) throws SQLException {
            String kind = in.kind() != null ? in.kind().wire() : sql.first(
                    "SELECT kind FROM place WHERE node = ? AND place = ?", row -> row.getString(1), envelope.node(),
                    in.bed()).orElse("");
            Instant at = Instant.ofEpochMilli(atMs);
            String last = StayNights.last(at).toString();
            if (in.bed() != null) {
                sql.update(END_BED_OPEN, atMs, last, envelope.node(), in.bed());
            }
            History history = History.NONE;
            if (token != null) {
                sql.update(END_TOKEN_OPEN, atMs, last, token);
                history = sql.first(HISTORY, History.ROW, token, atMs - YEAR_MS).orElseThrow();
            }
            boolean earlier = history.earlier();
            long lastOut = history.lastOut();
            long inYear = history.inYear();
            sql.update("""
                    INSERT INTO monitor_stay (location, node, session, seq, place, kind, token_id, origin, in_ms,
                        first_night, first_ever, days_since_last, stays_year)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", envelope.site(), envelope.node(),
                    envelope.session(), envelope.seq(), in.bed(), kind, token, in.origin(), atMs,
                    StayNights.first(at).toString(), earlier ? 0 : 1, lastOut < 0 ? null : (atMs - lastOut) / DAY_MS,
                    inYear + 1);
        }

        /**
         * Ends the client's open stay at this node. A check-out without the pass (issue #15 item 8) ends the stay on
         * that bed, by node and place, whatever token it carries: staff chose the bed, and the token the node stored
         * with it may be one the hub no longer links (a deletion request); its ending says so ({@code without_pass}).
         */
        private void checkOut(Envelope envelope, Payload.CheckOut out, Long token, long atMs) throws SQLException {
            String last = StayNights.last(Instant.ofEpochMilli(atMs)).toString();
            if (out.withoutPass() && out.bed() != null) {
                sql.update("""
                        UPDATE monitor_stay SET ended = 'without_pass', out_ms = ?, last_night = ?, destination = ?
                        WHERE node = ? AND place = ? AND ended IS NULL""", atMs, last, out.destination(),
                        envelope.node(), out.bed());
                return;
            }
            if (token == null) {
                return;
            }
            String ended = out.withoutPass() ? "without_pass" : "check_out";
            int closed = sql.update(CHECK_OUT, ended, atMs, last, out.destination(), token, envelope.node());
            if (closed == 0 && out.bed() != null) {
                // An erasure removed the link of the guest's check-in while the node kept the token with the bed: the
                // check-out carries a token the ledger no longer knows. It ends the stay on that bed, as staff chose it.
                sql.update("""
                        UPDATE monitor_stay SET ended = ?, out_ms = ?, last_night = ?, destination = ?
                        WHERE node = ? AND place = ? AND ended IS NULL AND token_id IS NULL""", ended, atMs, last,
                        out.destination(), envelope.node(), out.bed());
            }
        }

    }
}
