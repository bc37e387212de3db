package nl.opvang.device.node;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.opvang.protocol.Ack;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * The {@code rejection} table: outbox rows the hub refused, each kept whole for the kiosk and support, as long as the
 * journal keeps its rows ({@code journalDays}).
 */
final class Rejections {
    private static final RowMapper<Rejection> REJECTION = row -> {
        String id = row.getString("id");
        return new Rejection(row.getLong("seq"), row.getString("type"), row.getString("reason"),
                Instant.ofEpochMilli(row.getLong("received_ms")), id == null ? null : UUID.fromString(id), row.getString("payload"));
    };

    private Rejections() {
    }

    /**
     * Keeps the refused row of this session with its outbox row's type, id and payload; a rejection that names an id
     * applies only to the outbox row with that id. Kept once per session and seq.
     */
    static void keep(Connection c, String session, Ack.Rejection rejection, long received) throws SQLException {
        String id = rejection.id() == null ? null : rejection.id().toString();
        Sql.update(c, """
                INSERT OR IGNORE INTO rejection (session, seq, type, reason, received_ms, id, payload)
                SELECT ?, ?, o.type, ?, ?, o.id, o.payload FROM (SELECT 1) LEFT JOIN outbox o ON o.seq = ?
                WHERE (? IS NULL OR o.id = ?)""", session, rejection.seq(), rejection.reason(), received,
                rejection.seq(), id, id);
    }

    /**
     * Removes the rejections received before {@code cutoff}, with the journal's period (docs/DESIGN.md §5): the
     * payload of a refused check-in holds its token. Returns how many.
     */
    static int prune(Connection c, Instant cutoff) throws SQLException {
        return Sql.update(c, "DELETE FROM rejection WHERE received_ms < ?", cutoff.toEpochMilli());
    }

    /** The most recent rejections of {@code session}, newest first. */
    static List<Rejection> latest(Connection c, String session, int limit) throws SQLException {
        return Sql.list(c, "SELECT seq, type, reason, received_ms, id, payload FROM rejection WHERE session = ? ORDER BY seq DESC LIMIT ?",
                REJECTION, session, limit);
    }
}
