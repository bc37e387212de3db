package nl.opvang.device.node;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.ProtocolException;

/**
 * The outbox kept as a journal (DESIGN §11): an acked row is marked with the time of its ack instead of deleted, and
 * stays for the configured period, so that a hub restored from an older backup can get it back with {@code resend}.
 * The rows kept are always one contiguous run of seqs up to the newest: acks are cumulative, so pruning removes a prefix
 * and "the oldest seq kept" says exactly what the node can still send. Runs inside the caller's transaction.
 */
final class Journal {
    private Journal() {
    }

    /** Marks every unacked row up to {@code seq} as acked at {@code at}; returns how many. */
    static int markAcked(Connection c, long seq, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE outbox SET acked_ms = ? WHERE seq <= ? AND acked_ms IS NULL")) {
            update.setLong(1, at.toEpochMilli());
            update.setLong(2, seq);
            return update.executeUpdate();
        }
    }

    /**
     * Marks acked the rows the hub refused by their id (seq ≤ {@code seq}) that {@link #markAcked} did not reach: a row
     * refused by name is settled even when the ack's seq is beyond what this node has sent.
     */
    static int markRefused(Connection c, String session, long seq, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE outbox SET acked_ms = ? WHERE acked_ms IS NULL
                    AND id IN (SELECT id FROM rejection WHERE session = ? AND seq <= ? AND id IS NOT NULL)""")) {
            update.setLong(1, at.toEpochMilli());
            update.setString(2, session);
            update.setLong(3, seq);
            return update.executeUpdate();
        }
    }

    /**
     * Rows with {@code seq > afterSeq} in seq order, at most {@code limit}: the unacked ones, and acked ones too from
     * {@code replayFrom} on (a hub asked for them again). {@link Long#MAX_VALUE}: no replay.
     */
    static List<Outgoing> rows(Connection c, long afterSeq, long replayFrom, int limit) throws SQLException {
        List<Outgoing> rows = new ArrayList<>();
        // Without a replay only unacked rows, found through the index: a month of acked rows is never scanned for them.
        boolean replay = replayFrom != Long.MAX_VALUE;
        try (PreparedStatement select = c.prepareStatement(replay
                ? "SELECT seq, type, payload FROM outbox WHERE seq > ? AND (acked_ms IS NULL OR seq >= ?) ORDER BY seq LIMIT ?"
                : "SELECT seq, type, payload FROM outbox WHERE acked_ms IS NULL AND seq > ? ORDER BY seq LIMIT ?")) {
            int next = 1;
            select.setLong(next++, afterSeq);
            if (replay) {
                select.setLong(next++, replayFrom);
            }
            select.setInt(next, limit);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Outgoing(result.getLong("seq"), result.getString("type"),
                            result.getString("payload").getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return rows;
    }

    static long unackedCount(Connection c) throws SQLException {
        return number(c, "SELECT count(*) FROM outbox WHERE acked_ms IS NULL", 0);
    }

    static long size(Connection c) throws SQLException {
        return number(c, "SELECT count(*) FROM outbox", 0);
    }

    /** The oldest seq the node still holds, or {@code nextSeq} when it holds none. */
    static long oldestSeq(Connection c, long nextSeq) throws SQLException {
        return number(c, "SELECT min(seq) FROM outbox", nextSeq);
    }

    /**
     * Removes the acked rows whose ack is older than {@code cutoff}, as a prefix: every row up to the newest such row
     * (all of them acked, since acks are cumulative). Returns how many.
     */
    static int prune(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("""
                DELETE FROM outbox WHERE seq <= (SELECT max(seq) FROM outbox WHERE acked_ms IS NOT NULL AND acked_ms < ?)
                AND acked_ms IS NOT NULL""")) {
            delete.setLong(1, cutoff.toEpochMilli());
            return delete.executeUpdate();
        }
    }

    /**
     * Whether a birth still in the journal already declares {@code fromSeq} lost: the hub asks again every few seconds
     * until that birth arrives, and one birth per gap is enough.
     */
    static boolean lostDeclared(Connection c, Codec codec, long fromSeq) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT payload FROM outbox WHERE type = 'birth' ORDER BY seq DESC")) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    NodeMessage birth;
                    try {
                        birth = codec.decodeNodeMessage(rows.getString(1).getBytes(StandardCharsets.UTF_8));
                    } catch (ProtocolException e) {
                        continue;
                    }
                    Payload.Lost lost = ((Payload.Birth) birth.payload()).lost();
                    if (lost != null && lost.from() <= fromSeq && fromSeq <= lost.to()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static long number(Connection c, String sql, long whenNull) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            rows.next();
            long value = rows.getLong(1);
            return rows.wasNull() ? whenNull : value;
        }
    }
}
