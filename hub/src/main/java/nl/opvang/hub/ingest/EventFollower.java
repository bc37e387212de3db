package nl.opvang.hub.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.Payload;

/**
 * A feature that keeps its own tables up to date with the applied events, inside the ingest transaction: what it writes
 * commits or rolls back with the events (the monitoring figures, docs/MONITORING.md).
 */
public interface EventFollower {
    /** Follows nothing. */
    EventFollower NONE = connection -> (envelope, payload, token, atMs) -> {
    };

    /**
     * Starts following one ingest transaction: what it prepares there (its statements) it may reuse for every event of
     * the batch, and closes with {@link Work#close}.
     */
    Work begin(Connection connection) throws SQLException;

    /** The follower's part of one ingest transaction. */
    interface Work extends AutoCloseable {
        /**
         * An applied (not refused) event, inside the transaction; {@code token} is the id of its token in the token
         * table (null when it carries none); {@code atMs} is the hub's time of arrival.
         */
        void applied(Envelope envelope, Payload payload, Long token, long atMs) throws SQLException;

        @Override
        default void close() throws SQLException {
        }
    }
}
