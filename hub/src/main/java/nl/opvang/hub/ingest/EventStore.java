package nl.opvang.hub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import nl.opvang.gateway.Inbound;
import nl.opvang.gateway.IngestSink;
import nl.opvang.gateway.Reply;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.availability.PlaceState;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.NodeStatus;
import nl.opvang.protocol.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores node messages exactly once and applies them strictly in {@code seq} order per node (DESIGN §3):
 * a duplicate is acked and ignored; the same {@code seq} with another {@code id} is a conflict (two nodes with one
 * identity), refused and kept for admins; a gap holds later events in memory and asks the node to {@code resend}.
 * Every refused event is named in the ack and never blocks the events after it ({@link Refusals}, DESIGN §11).
 * Events, the node's cursor and the places they change are written in one transaction; acks are returned only after
 * it commits. Runs on the gateway's single worker thread.
 */
public final class EventStore implements IngestSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventStore.class);
    /** Most out-of-order events held per node while waiting for a gap to fill; more are dropped (the node resends). */
    static final int MAX_PENDING = 20_000;

    private final Database database;
    private final Registry registry;
    private final AvailabilityProjection projection;
    private final Clock clock;
    private final Duration resendInterval;
    private final HoldHook holds;
    private final LostEvents lost;
    private final Refusals refusals;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Long> lastResendMs = new HashMap<>();
    private final Counter stored;
    private final Counter duplicates;
    private final Counter refused;
    private final Counter resends;
    private final MeterRegistry metrics;
    /** Per node: the node's clock minus the hub's, estimated from its latest batch (see {@link #clockOffset}). */
    private final Map<String, AtomicLong> clockOffsetSeconds = new ConcurrentHashMap<>();

    /**
     * Out-of-order events of one node, all of one session, by seq; and copies of a held seq with another id (two nodes
     * with one identity), judged like redeliveries once their seq is decided, never dropped unseen.
     */
    private record Pending(String session, TreeMap<Long, Inbound> events, Map<UUID, Inbound> others) {
        int size() {
            return events.size() + others.size();
        }
    }

    public EventStore(Database database, Registry registry, AvailabilityProjection projection, Clock clock,
                      Duration resendInterval, MeterRegistry metrics) {
        this(database, registry, projection, clock, resendInterval, metrics, HoldHook.NONE);
    }

    public EventStore(Database database, Registry registry, AvailabilityProjection projection, Clock clock,
                      Duration resendInterval, MeterRegistry metrics, HoldHook holds) {
        this(database, registry, projection, clock, resendInterval, metrics, holds, new LostEvents(new AuditLog(clock), metrics));
    }

    public EventStore(Database database, Registry registry, AvailabilityProjection projection, Clock clock,
                      Duration resendInterval, MeterRegistry metrics, HoldHook holds, LostEvents lost) {
        this.holds = holds;
        this.lost = lost;
        this.database = database;
        this.registry = registry;
        this.projection = projection;
        this.clock = clock;
        this.resendInterval = resendInterval;
        this.metrics = metrics;
        this.stored = Counter.builder("opvang_events_stored").description("Events stored and applied").register(metrics);
        this.duplicates = Counter.builder("opvang_events_duplicate").description("Redelivered events, acked and ignored")
                .register(metrics);
        this.refused = Counter.builder("opvang_events_refused")
                .description("Events stored as refused, named in the ack and never applied (a bed that is not the node's, a body "
                        + "that breaks the contract, an event older than the node's birth)")
                .register(metrics);
        this.refusals = new Refusals(new Codec(), metrics);
        this.resends = Counter.builder("opvang_resend_requests").description("resend commands sent after a gap")
                .register(metrics);
        Gauge.builder("opvang_events_pending", pending, map -> map.values().stream().mapToInt(Pending::size).sum())
                .description("Out-of-order events held until a gap is filled").register(metrics);
    }

    @Override
    public boolean knows(String site, String node) {
        return registry.knows(site, node);
    }

    @Override
    public List<Reply> store(List<Inbound> batch) {
        Batch work = new Batch();
        try {
            database.transaction(connection -> {
                work.run(connection, batch);
                return null;
            });
        } catch (RuntimeException e) {
            // Nothing was committed: forget what this batch put aside; the nodes resend it.
            for (Inbound inbound : batch) {
                pending.remove(inbound.node());
            }
            throw e;
        }
        Effects.Changes changes = work.effects.changes();
        projection.apply(changes.nodes(), changes.places());
        work.clockOffsets.forEach(this::clockOffset);
        work.holdWork.committed();
        stored.increment(work.storedCount);
        duplicates.increment(work.duplicateCount);
        refused.increment(work.refusedCount);
        return work.replies();
    }

    /**
     * Publishes {@code opvang_node_clock_offset_seconds{node}}: how far the node's clock runs ahead of the hub's
     * (negative: behind), from the newest event of its latest batch. A batch of old events drained after an outage
     * reads low until the node's next live event. The hub never uses the node's clock for freshness (FAULTS R15).
     */
    private void clockOffset(String node, long offsetMs) {
        clockOffsetSeconds.computeIfAbsent(node, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("opvang_node_clock_offset_seconds", value, AtomicLong::get)
                    .description("The node's clock minus the hub's at arrival, from the node's latest batch "
                            + "(node time is kept for audit; freshness uses the hub's clock)")
                    .tag("node", key).register(metrics);
            return value;
        }).set(Math.round(offsetMs / 1000.0));
    }

    @Override
    public void nodeStatus(String site, String node, NodeStatus status) {
        NodeState current = projection.node(node).orElse(null);
        if (current == null) {
            return;
        }
        boolean sameSession = status.session().equals(current.session());
        if (sameSession ? status.connection() < current.connection() : !status.online()) {
            // A late last will of an older connection (DESIGN §3), or a will of another session: the session a replaced
            // data folder left behind. A new session coming online counts its connections from 1 again.
            return;
        }
        NodeState next = current.withStatus(status.online(), status.connection());
        if (status.online()) {
            next = next.seen(clock.millis());
        }
        NodeState updated = next;
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE node SET online = ?, connection_count = ?, last_seen_ms = ? WHERE code = ?""")) {
                update.setInt(1, updated.online() ? 1 : 0);
                update.setLong(2, updated.connection());
                setNullableLong(update, 3, updated.lastSeenMs());
                update.setString(4, node);
                update.executeUpdate();
            }
            return null;
        });
        projection.apply(List.of(updated), List.of());
        if (status.online()) {
            holds.online(site, node);
        }
    }

    /** One transaction's work: statements, effects, and what to tell each node afterwards. */
    private final class Batch {
        final Effects effects = new Effects(registry, projection);
        final Map<String, List<Ack.Rejection>> rejections = new LinkedHashMap<>();
        final Map<String, String> touched = new LinkedHashMap<>();
        final List<Reply> commands = new ArrayList<>();
        final HoldHook.Work holdWork = holds.begin();
        final Set<String> births = new HashSet<>();
        final Map<String, Long> clockOffsets = new HashMap<>();
        int storedCount;
        int duplicateCount;
        int refusedCount;
        private PreparedStatement insertEvent;
        private PreparedStatement findEvent;
        private PreparedStatement insertToken;
        private PreparedStatement findToken;
        private Connection connection;

        void run(Connection connection, List<Inbound> batch) throws SQLException {
            this.connection = connection;
            insertEvent = connection.prepareStatement("""
                    INSERT INTO event (node, session, seq, id, type, node_ms, received_ms, token_id, body, rejected)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            findEvent = connection.prepareStatement("SELECT id FROM event WHERE node = ? AND session = ? AND seq = ?");
            insertToken = connection.prepareStatement("INSERT INTO token (token) VALUES (?) ON CONFLICT (token) DO NOTHING");
            findToken = connection.prepareStatement("SELECT id FROM token WHERE token = ?");
            try {
                for (Inbound inbound : batch) {
                    accept(connection, inbound);
                }
                writeStates(connection);
                commands.addAll(holdWork.reconcile(connection, touched.keySet(), births));
            } finally {
                insertEvent.close();
                findEvent.close();
                insertToken.close();
                findToken.close();
            }
        }

        private void accept(Connection connection, Inbound inbound) throws SQLException {
            Envelope envelope = inbound.message().envelope();
            String node = envelope.node();
            // Node time minus arrival time is the clock offset minus the time in queues, so the largest value seen is
            // the best estimate. Only for display: the hub orders by seq and judges freshness by its own clock.
            boolean invalid = inbound.message().payload() instanceof Payload.Invalid;
            if (!invalid) { // an invalid message's time may be its arrival
                clockOffsets.merge(node, envelope.at().toEpochMilli() - inbound.receivedAt().toEpochMilli(), Math::max);
            }
            NodeState cursor = effects.node(node);
            touched.put(node, envelope.site());
            boolean sameSession = envelope.session().equals(cursor.session());
            boolean birth = inbound.message().isBirth() || invalid && ((Payload.Invalid) inbound.message().payload()).birth();
            if (!sameSession && birth) {
                // A birth in a new session starts a new sequence and replaces the snapshot (DESIGN §3); a birth that
                // cannot be read still starts it, refused, so the node's later events are not held forever.
                cursor = cursor.withNewSession(envelope.session(), envelope.seq() - 1);
                effects.put(cursor);
                rejections.remove(node); // the ack names the new session: refusals of the old one cannot go in it
                Pending held = pending.get(node);
                if (held != null && !held.session().equals(envelope.session())) {
                    pending.remove(node);
                }
                sameSession = true;
            }
            if (!sameSession) {
                hold(inbound, cursor, 1);
                return;
            }
            NodeState skipped = lost.skip(connection, inbound, cursor);
            if (skipped != null) {
                effects.put(skipped);
                drainPending(node);
                cursor = effects.node(node);
            }
            long expected = cursor.lastSeq() + 1;
            if (envelope.seq() < expected) {
                redelivered(inbound);
            } else if (envelope.seq() == expected) {
                applyAndStore(inbound);
                drainPending(node);
            } else {
                hold(inbound, cursor, expected);
            }
        }

        private void redelivered(Inbound inbound) throws SQLException {
            Envelope envelope = inbound.message().envelope();
            findEvent.setString(1, envelope.node());
            findEvent.setString(2, envelope.session());
            findEvent.setLong(3, envelope.seq());
            try (ResultSet rows = findEvent.executeQuery()) {
                if (!rows.next()) {
                    // Older than the birth that started this sequence: keep it for audit, never apply it.
                    insert(inbound, "superseded by a later birth");
                    reject(Refusals.rejection(inbound.message(), "superseded by a later birth"), envelope.node());
                    refusedCount++;
                } else if (rows.getString(1).equals(envelope.id().toString())) {
                    duplicateCount++;
                } else {
                    reject(refusals.conflict(connection, inbound, rows.getString(1)), envelope.node());
                }
            }
        }

        /** Names a refused event in the next ack of its node (DESIGN §11: no node deletes what was not stored). */
        private void reject(Ack.Rejection rejection, String node) {
            rejections.computeIfAbsent(node, key -> new ArrayList<>()).add(rejection);
        }

        private void applyAndStore(Inbound inbound) throws SQLException {
            NodeMessage message = inbound.message();
            Envelope envelope = message.envelope();
            long atMs = inbound.receivedAt().toEpochMilli();
            String refusal = message.payload() instanceof Payload.Invalid invalid ? Refusals.reason(invalid)
                    : effects.apply(envelope.node(), message.payload(), atMs);
            effects.put(effects.node(envelope.node()).withCursor(envelope.session(), envelope.seq()).seen(atMs));
            insert(inbound, refusal);
            if (refusal != null) {
                refusedCount++;
                reject(Refusals.rejection(message, refusal), envelope.node());
            } else {
                storedCount++;
                if (message.isBirth()) {
                    births.add(envelope.node());
                }
                holdWork.event(connection, envelope.node(), message.payload(), atMs);
            }
        }

        private void drainPending(String node) throws SQLException {
            Pending held = pending.get(node);
            if (held == null || !held.session().equals(effects.node(node).session())) {
                return;
            }
            while (!held.events().isEmpty()) {
                Map.Entry<Long, Inbound> first = held.events().firstEntry();
                long lastSeq = effects.node(node).lastSeq();
                if (first.getKey() <= lastSeq) {
                    held.events().pollFirstEntry();
                    redelivered(first.getValue());
                } else if (first.getKey() == lastSeq + 1) {
                    held.events().pollFirstEntry();
                    applyAndStore(first.getValue());
                } else {
                    break;
                }
            }
            long decided = effects.node(node).lastSeq();
            for (var others = held.others().values().iterator(); others.hasNext(); ) {
                Inbound other = others.next();
                if (other.message().envelope().seq() <= decided) {
                    others.remove();
                    redelivered(other); // a conflict with what was just stored at its seq
                }
            }
            if (held.size() == 0) {
                pending.remove(node);
            }
        }

        private void hold(Inbound inbound, NodeState cursor, long fromSeq) {
            Envelope envelope = inbound.message().envelope();
            Pending held = pending.get(envelope.node());
            if (held == null || !held.session().equals(envelope.session())) {
                held = new Pending(envelope.session(), new TreeMap<>(), new LinkedHashMap<>());
                pending.put(envelope.node(), held);
            }
            Inbound first = held.events().get(envelope.seq());
            if (held.size() >= MAX_PENDING) {
                LOG.debug("Node {}: {} events held, seq {} dropped (the node resends it)", envelope.node(), MAX_PENDING,
                        envelope.seq());
            } else if (first == null) {
                held.events().put(envelope.seq(), inbound);
            } else if (!first.message().envelope().id().equals(envelope.id())) {
                held.others().putIfAbsent(envelope.id(), inbound);
            }
            long now = clock.millis();
            String key = envelope.node() + " " + envelope.session() + " " + fromSeq;
            Long last = lastResendMs.get(key);
            if (last == null || now - last >= resendInterval.toMillis()) {
                lastResendMs.put(key, now);
                resends.increment();
                commands.add(new Reply.CommandReply(envelope.site(), envelope.node(),
                        Command.of(new Command.Resend(envelope.session(), fromSeq))));
            }
        }

        private void insert(Inbound inbound, String refusal) throws SQLException {
            NodeMessage message = inbound.message();
            Envelope envelope = message.envelope();
            insertEvent.setString(1, envelope.node());
            insertEvent.setString(2, envelope.session());
            insertEvent.setLong(3, envelope.seq());
            insertEvent.setString(4, envelope.id().toString());
            insertEvent.setString(5, message.type());
            insertEvent.setLong(6, envelope.at().toEpochMilli());
            insertEvent.setLong(7, inbound.receivedAt().toEpochMilli());
            setNullableLong(insertEvent, 8, tokenId(message.payload()));
            // Written from the decoded payload: encoding and re-reading the message was 18% of ingest (PERFORMANCE.md).
            insertEvent.setString(9, refusals.body(message.payload()));
            insertEvent.setString(10, refusal);
            insertEvent.executeUpdate();
        }

        /** Tokens live in their own table, so erasing one's link never breaks the event log (DESIGN §5). */
        private Long tokenId(Payload payload) throws SQLException {
            String token = payload instanceof Payload.CheckIn in ? in.token()
                    : payload instanceof Payload.CheckOut out ? out.token() : null;
            if (token == null) {
                return null;
            }
            insertToken.setString(1, token);
            insertToken.executeUpdate();
            findToken.setString(1, token);
            try (ResultSet rows = findToken.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }

        private void writeStates(Connection connection) throws SQLException {
            Effects.Changes changes = effects.changes();
            try (PreparedStatement place = connection.prepareStatement("""
                    UPDATE place SET capacity = ?, is_open = ?, occupied = ?, status = ?, confirmed_ms = ?
                    WHERE node = ? AND place = ?""")) {
                for (PlaceState state : changes.places()) {
                    place.setInt(1, state.capacity());
                    place.setInt(2, state.open() ? 1 : 0);
                    place.setInt(3, state.occupied());
                    place.setString(4, state.status().wire());
                    place.setLong(5, state.confirmedMs());
                    place.setString(6, state.node());
                    place.setString(7, state.key());
                    place.addBatch();
                }
                place.executeBatch();
            }
            try (PreparedStatement node = connection.prepareStatement("""
                    UPDATE node SET session = ?, last_seq = ?, heartbeat_seconds = ?, last_seen_ms = ?, online = ?,
                        software = ?, mismatch = ?, connection_count = ?
                    WHERE code = ?""")) {
                for (NodeState state : changes.nodes()) {
                    node.setString(1, state.session());
                    node.setLong(2, state.lastSeq());
                    node.setInt(3, state.heartbeatSeconds());
                    setNullableLong(node, 4, state.lastSeenMs());
                    node.setInt(5, state.online() ? 1 : 0);
                    node.setString(6, state.software());
                    node.setString(7, state.mismatch());
                    node.setLong(8, state.connection());
                    node.setString(9, state.code());
                    node.addBatch();
                }
                node.executeBatch();
            }
        }

        /** An ack per node touched: everything up to its cursor is stored; then the commands (resends). */
        List<Reply> replies() {
            List<Reply> replies = new ArrayList<>();
            for (Map.Entry<String, String> entry : touched.entrySet()) {
                NodeState state = effects.node(entry.getKey());
                if (state.session() != null && state.lastSeq() >= 1) {
                    replies.add(new Reply.AckReply(entry.getValue(), entry.getKey(), Ack.of(state.session(), state.lastSeq(),
                            rejections.getOrDefault(entry.getKey(), List.of()))));
                }
            }
            replies.addAll(commands);
            return replies;
        }
    }

    private static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
