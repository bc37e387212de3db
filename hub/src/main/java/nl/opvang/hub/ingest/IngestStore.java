package nl.opvang.hub.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.gateway.Inbound;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.availability.PlaceState;
import nl.opvang.hub.ingest.RefusedEvents.Refused;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.sql.RowBinder;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;
import nl.opvang.sql.Statements;

/**
 * The SQL of the ingest package, in one place: {@code event} (every stored or refused event), {@code token} (the
 * pseudonymous tokens events refer to), {@code conflict} (refused copies of a stored seq), and the {@code node} and
 * {@code place} state rows that events change. Runs on the connection it is given: what commits together is decided
 * by the caller's {@code Database.transaction}. Rows are bound and mapped by one {@link RowBinder} or
 * {@link RowMapper} per table, through {@link Sql}; only the per-event statements ({@link Events}) are prepared once
 * per batch and reused for every event in it, because a prepare per event would cost ingest CPU (docs/PERFORMANCE.md).
 */
final class IngestStore {
    private static final String INSERT_EVENT = """
            INSERT INTO event (node, session, seq, id, type, node_ms, received_ms, token_id, body, rejected)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String STORED_ID = "SELECT id FROM event WHERE node = ? AND session = ? AND seq = ?";
    private static final String INSERT_TOKEN = "INSERT INTO token (token) VALUES (?) ON CONFLICT (token) DO NOTHING";
    private static final String TOKEN_ID = "SELECT id FROM token WHERE token = ?";
    private static final String UPDATE_PLACE = """
            UPDATE place SET capacity = ?, is_open = ?, occupied = ?, status = ?, confirmed_ms = ?, open_since_ms = ?,
                open_until_ms = ?
            WHERE node = ? AND place = ?""";
    private static final String UPDATE_NODE = """
            UPDATE node SET session = ?, last_seq = ?, heartbeat_seconds = ?, last_seen_ms = ?, online = ?,
                software = ?, mismatch = ?, connection_count = ?
            WHERE code = ?""";
    private static final String UPDATE_NODE_STATUS = """
            UPDATE node SET online = ?, connection_count = ?, last_seen_ms = ? WHERE code = ?""";
    private static final String INSERT_CONFLICT = """
            INSERT INTO conflict (node, session, seq, stored_id, other_id, received_ms, type, node_ms, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (node, session, seq, other_id) DO NOTHING""";
    private static final String NEWEST_REFUSED = """
            SELECT * FROM (
                SELECT 'conflict' AS kind, c.node, n.site, c.session, c.seq, c.other_id AS id, c.stored_id,
                       c.type, CAST(? AS TEXT) AS reason, c.node_ms, c.received_ms, c.body
                FROM conflict c LEFT JOIN node n ON n.code = c.node
                UNION ALL
                SELECT 'refused', e.node, n.site, e.session, e.seq, e.id, NULL, e.type, e.rejected, e.node_ms,
                       e.received_ms, e.body
                FROM event e LEFT JOIN node n ON n.code = e.node WHERE e.rejected IS NOT NULL
            ) refused ORDER BY received_ms DESC, seq DESC LIMIT ?""";
    private static final String REFUSED_COUNTS = """
            SELECT node, COUNT(*) AS refused FROM (
                SELECT node FROM conflict WHERE received_ms >= ?
                UNION ALL
                SELECT node FROM event WHERE rejected IS NOT NULL AND received_ms >= ?
            ) refused GROUP BY node""";

    /** A place's state row, as the projection holds it. */
    static final RowBinder<PlaceState> PLACE = (update, state) -> {
        update.setInt(1, state.capacity());
        update.setInt(2, state.open() ? 1 : 0);
        update.setInt(3, state.occupied());
        update.setString(4, state.status().wire());
        update.setLong(5, state.confirmedMs());
        setNullableLong(update, 6, state.openSinceMs());
        setNullableLong(update, 7, state.openUntilMs());
        update.setString(8, state.node());
        update.setString(9, state.key());
    };
    /** A node's state row: its cursor (session, last seq), what its birth said and its link. */
    static final RowBinder<NodeState> NODE = (update, state) -> {
        update.setString(1, state.session());
        update.setLong(2, state.lastSeq());
        update.setInt(3, state.heartbeatSeconds());
        setNullableLong(update, 4, state.lastSeenMs());
        update.setInt(5, state.online() ? 1 : 0);
        update.setString(6, state.software());
        update.setString(7, state.mismatch());
        update.setLong(8, state.connection());
        update.setString(9, state.code());
    };
    /** A refused event: a {@code conflict} row or an {@code event} row stored as refused. */
    static final RowMapper<Refused> REFUSED = row -> new Refused(row.getString("kind"), row.getString("node"),
            row.getString("site"), row.getString("session"), row.getLong("seq"), row.getString("id"),
            row.getString("stored_id"), row.getString("type"), row.getString("reason"),
            Refusals.code(row.getString("kind"), row.getString("reason")), nodeAt(row),
            Instant.ofEpochMilli(row.getLong("received_ms")), row.getString("body"));

    /** The node's time as ISO-8601 text, as it was sent; null for a conflict kept before V13 recorded it. */
    private static String nodeAt(ResultSet row) throws SQLException {
        long ms = row.getLong("node_ms");
        return row.wasNull() ? null : Instant.ofEpochMilli(ms).toString();
    }

    /** How many events of one node were refused. */
    record RefusedCount(String node, long refused) {
        static final RowMapper<RefusedCount> ROW = row -> new RefusedCount(row.getString("node"), row.getLong("refused"));
    }

    private IngestStore() {
    }

    /** The per-event statements of the ingest, on the writing connection's kept statements. */
    static Events events(Statements sql) {
        return new Events(sql);
    }

    /** The per-event statements of the ingest: prepared once, reused for every event of every batch. */
    record Events(Statements sql) {
        /**
         * Stores an event: applied when {@code refusal} is null, else kept as refused with that reason. Returns the id
         * of the event's token in the token table, or null when it carries none.
         */
        Long insert(Inbound inbound, String body, String refusal) throws SQLException {
            NodeMessage message = inbound.message();
            Envelope envelope = message.envelope();
            Long token = tokenId(message.payload());
            sql.update(INSERT_EVENT, envelope.node(), envelope.session(), envelope.seq(), envelope.id().toString(),
                    message.type(), envelope.at().toEpochMilli(), inbound.receivedAt().toEpochMilli(), token, body,
                    refusal);
            return token;
        }

        /** The id of the event stored at this envelope's node, session and seq, or null when none is. */
        String storedId(Envelope envelope) throws SQLException {
            return sql.first(STORED_ID, row -> row.getString(1), envelope.node(), envelope.session(), envelope.seq())
                    .orElse(null);
        }

        /** Tokens live in their own table, so erasing one's link never breaks the event log (docs/DESIGN.md §5). */
        private Long tokenId(Payload payload) throws SQLException {
            String token = payload instanceof Payload.CheckIn in ? in.token()
                    : payload instanceof Payload.CheckOut out ? out.token()
                    : payload instanceof Payload.PrivacyRequest privacy ? privacy.token() : null;
            if (token == null) {
                return null;
            }
            // Most tokens return (a client comes back): look first, insert only a new one.
            Long known = knownToken(token);
            if (known != null) {
                return known;
            }
            sql.update(INSERT_TOKEN, token);
            return knownToken(token);
        }

        private Long knownToken(String token) throws SQLException {
            return sql.first(TOKEN_ID, row -> row.getLong(1), token).orElse(null);
        }
    }

    /** Writes the place and node states a batch changed, each table in one JDBC batch. */
    static void writeStates(Connection connection, Effects.Changes changes) throws SQLException {
        Sql.batch(connection, UPDATE_PLACE, changes.places(), PLACE);
        Sql.batch(connection, UPDATE_NODE, changes.nodes(), NODE);
    }

    /** Writes what a status message changed of a node: online, its connection count and when it was last seen. */
    static void writeStatus(Connection connection, NodeState state) throws SQLException {
        Sql.update(connection, UPDATE_NODE_STATUS, state.online() ? 1 : 0, state.connection(), state.lastSeenMs(),
                state.code());
    }

    /** Keeps a conflicting copy of a stored seq; false when this copy was kept before. */
    static boolean insertConflict(Connection connection, Inbound inbound, String storedId, String body)
            throws SQLException {
        NodeMessage message = inbound.message();
        Envelope envelope = message.envelope();
        return Sql.update(connection, INSERT_CONFLICT, envelope.node(), envelope.session(), envelope.seq(), storedId,
                envelope.id().toString(), inbound.receivedAt().toEpochMilli(), message.type(), envelope.at().toEpochMilli(),
                body) == 1;
    }

    /** The newest {@code limit} refused events, conflicts (with {@code conflictReason}) and refused events mixed. */
    static List<Refused> newestRefused(Connection connection, String conflictReason, int limit) throws SQLException {
        return Sql.list(connection, NEWEST_REFUSED, REFUSED, conflictReason, limit);
    }

    /** Per node: how many of its events were refused since {@code sinceMs}, conflicting copies included. */
    static Map<String, Long> refusedCountsSince(Connection connection, long sinceMs) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        for (RefusedCount count : Sql.list(connection, REFUSED_COUNTS, RefusedCount.ROW, sinceMs, sinceMs)) {
            counts.put(count.node(), count.refused());
        }
        return counts;
    }

    private static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
