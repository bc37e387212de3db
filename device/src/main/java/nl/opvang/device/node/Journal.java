package nl.opvang.device.node;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.ProtocolException;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * The outbox kept as a journal (docs/DESIGN.md §3): an acked row is marked with the time of its ack instead of deleted,
 * and stays for the configured period, so that a hub restored from an older backup can get it back with {@code resend}.
 * The rows kept are always one contiguous run of seqs up to the newest: acks are cumulative, so pruning removes a
 * prefix and "the oldest seq kept" says exactly what the node can still send. The {@code outbox} table's store: runs
 * inside the caller's transaction.
 */
final class Journal {
    private static final RowMapper<Outgoing> OUTGOING = row -> new Outgoing(row.getLong("seq"), row.getString("type"),
            row.getString("payload").getBytes(StandardCharsets.UTF_8));

    private Journal() {
    }

    /** Adds the message {@code seq} (its id, type and encoded payload), not yet acked. */
    static void append(Connection c, long seq, String id, String type, byte[] payload, Instant created)
            throws SQLException {
        Sql.update(c, "INSERT INTO outbox (seq, id, type, payload, created_ms) VALUES (?, ?, ?, ?, ?)", seq, id, type,
                new String(payload, StandardCharsets.UTF_8), created.toEpochMilli());
    }

    /**
     * Settles an ack of {@code ackSeq}: only rows this node has sent ({@code seq ≤ sentUpTo}) count as stored, a row
     * refused by its id is settled in any case, and an erasure request now acknowledged is carried out in the journal
     * ({@link LocalStays#eraseAcknowledged}). Returns the rows settled.
     */
    static int settle(Connection c, String session, long ackSeq, long sentUpTo, Instant at) throws SQLException {
        int settled = markAcked(c, Math.min(ackSeq, sentUpTo), at) + markRefused(c, session, ackSeq, at);
        LocalStays.eraseAcknowledged(c);
        return settled;
    }

    /** Marks every unacked row up to {@code seq} as acked at {@code at}; returns how many. */
    static int markAcked(Connection c, long seq, Instant at) throws SQLException {
        return Sql.update(c, "UPDATE outbox SET acked_ms = ? WHERE seq <= ? AND acked_ms IS NULL", at.toEpochMilli(), seq);
    }

    /**
     * Marks acked the rows the hub refused by their id (seq ≤ {@code seq}) that {@link #markAcked} did not reach: a row
     * refused by name is settled even when the ack's seq is beyond what this node has sent.
     */
    static int markRefused(Connection c, String session, long seq, Instant at) throws SQLException {
        return Sql.update(c, """
                UPDATE outbox SET acked_ms = ? WHERE acked_ms IS NULL
                    AND id IN (SELECT id FROM rejection WHERE session = ? AND seq <= ? AND id IS NOT NULL)""",
                at.toEpochMilli(), session, seq);
    }

    /**
     * Rows with {@code seq > afterSeq} in seq order, at most {@code limit}: the unacked ones, and acked ones too from
     * {@code replayFrom} on (a hub asked for them again). {@link Long#MAX_VALUE}: no replay.
     */
    static List<Outgoing> rows(Connection c, long afterSeq, long replayFrom, int limit) throws SQLException {
        // Without a replay only unacked rows, found through the index: a month of acked rows is never scanned for them.
        if (replayFrom != Long.MAX_VALUE) {
            return Sql.list(c, "SELECT seq, type, payload FROM outbox WHERE seq > ? AND (acked_ms IS NULL OR seq >= ?)"
                    + " ORDER BY seq LIMIT ?", OUTGOING, afterSeq, replayFrom, limit);
        }
        return Sql.list(c, "SELECT seq, type, payload FROM outbox WHERE acked_ms IS NULL AND seq > ? ORDER BY seq LIMIT ?",
                OUTGOING, afterSeq, limit);
    }

    static long unackedCount(Connection c) throws SQLException {
        return Sql.number(c, "SELECT count(*) FROM outbox WHERE acked_ms IS NULL", 0);
    }

    static long size(Connection c) throws SQLException {
        return Sql.number(c, "SELECT count(*) FROM outbox", 0);
    }

    /** The oldest seq the node still holds, or {@code nextSeq} when it holds none. */
    static long oldestSeq(Connection c, long nextSeq) throws SQLException {
        return Sql.number(c, "SELECT min(seq) FROM outbox", nextSeq);
    }

    /**
     * Removes the acked rows whose ack is older than {@code cutoff}, as a prefix: every row up to the newest such row
     * (all of them acked, since acks are cumulative). Returns how many.
     */
    static int prune(Connection c, Instant cutoff) throws SQLException {
        return Sql.update(c, """
                DELETE FROM outbox WHERE seq <= (SELECT max(seq) FROM outbox WHERE acked_ms IS NOT NULL AND acked_ms < ?)
                AND acked_ms IS NOT NULL""", cutoff.toEpochMilli());
    }

    /**
     * Whether a birth still in the journal already declares {@code fromSeq} lost: the hub asks again every few seconds
     * until that birth arrives, and one birth per gap is enough.
     */
    static boolean lostDeclared(Connection c, Codec codec, long fromSeq) throws SQLException {
        boolean[] declared = {false};
        Sql.each(c, "SELECT payload FROM outbox WHERE type = 'birth' ORDER BY seq DESC", row -> row.getString(1), payload -> {
            NodeMessage birth;
            try {
                birth = codec.decodeNodeMessage(payload.getBytes(StandardCharsets.UTF_8));
            } catch (ProtocolException e) {
                return true;
            }
            Payload.Lost lost = ((Payload.Birth) birth.payload()).lost();
            declared[0] = lost != null && lost.from() <= fromSeq && fromSeq <= lost.to();
            return !declared[0];
        });
        return declared[0];
    }
}
