package nl.opvang.hub.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.opvang.gateway.Inbound;
import nl.opvang.gateway.Reply;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.location.Registry;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;

/**
 * The exactly-once core: one batch of node messages judged in one transaction (docs/DESIGN.md §3). Each node's events
 * apply strictly in {@code seq} order from its cursor. The next seq is applied and stored, or stored as refused when it
 * cannot apply; a seq already passed is a duplicate (same id: ignored), a conflict (another id: refused, kept in
 * {@code conflict}) or older than the birth of its sequence (stored as refused); a later seq waits in
 * {@link HeldEvents} and the node is asked to resend from the missing one. A birth in a new session starts a new
 * sequence; a birth declaring lost seqs moves the cursor past them ({@link LostEvents}). Every refusal is named in the
 * node's ack. {@link #run} is the transaction's work; {@link #committed} runs after the commit and returns the acks.
 * Runs on the ingest worker's thread, one batch at a time.
 */
final class Batch {
    private final AvailabilityProjection projection;
    private final Effects effects;
    private final HeldEvents held;
    private final LostEvents lost;
    private final Refusals refusals;
    private final HoldHook.Work holdWork;
    private final EventFollower follower;
    private EventFollower.Work following;
    private final IngestMetrics metrics;
    /** The nodes that sent something, each with its site: each gets an ack. */
    private final Map<String, String> touched = new LinkedHashMap<>();
    private final Map<String, List<Ack.Rejection>> rejections = new LinkedHashMap<>();
    private final List<Reply> commands = new ArrayList<>();
    private final Set<String> births = new HashSet<>();
    private final Map<String, Long> clockOffsets = new HashMap<>();
    private int storedCount;
    private int duplicateCount;
    private int refusedCount;
    private Connection connection;
    private IngestStore.Events events;

    Batch(Registry registry, AvailabilityProjection projection, HeldEvents held, LostEvents lost, Refusals refusals,
          HoldHook.Work holdWork, EventFollower follower, IngestMetrics metrics) {
        this.follower = follower;
        this.projection = projection;
        this.effects = new Effects(registry, projection);
        this.held = held;
        this.lost = lost;
        this.refusals = refusals;
        this.holdWork = holdWork;
        this.metrics = metrics;
    }

    /** Inside the transaction: stores the events, the node and place states they change, and the holds' part. */
    void run(Connection transaction, IngestStore.Events statements, List<Inbound> batch) throws SQLException {
        this.connection = transaction;
        this.events = statements;
        try (EventFollower.Work work = follower.begin(transaction)) {
            this.following = work;
            for (Inbound inbound : batch) {
                accept(inbound);
            }
            IngestStore.writeStates(transaction, effects.changes());
            commands.addAll(holdWork.reconcile(transaction, touched.keySet(), births));
        }
    }

    private void accept(Inbound inbound) throws SQLException {
        NodeMessage message = inbound.message();
        Envelope envelope = message.envelope();
        String node = envelope.node();
        // Node time minus arrival time is the clock offset minus the time in queues, so the largest value seen is
        // the best estimate. Only for display: the hub orders by seq and judges freshness by its own clock.
        if (!(message.payload() instanceof Payload.Invalid)) { // an invalid message's time may be its arrival
            clockOffsets.merge(node, envelope.at().toEpochMilli() - inbound.receivedAt().toEpochMilli(), Math::max);
        }
        NodeState cursor = effects.node(node);
        touched.put(node, envelope.site());
        boolean sameSession = envelope.session().equals(cursor.session());
        if (!sameSession && (message.isBirth() || message.payload() instanceof Payload.Invalid bad && bad.birth())) {
            // A birth in a new session starts a new sequence and replaces the snapshot (docs/DESIGN.md §3); a birth
            // that cannot be read still starts it, refused, so the node's later events are not held forever.
            cursor = cursor.withNewSession(envelope.session(), envelope.seq() - 1);
            effects.put(cursor);
            rejections.remove(node); // the ack names the new session: refusals of the old one cannot go in it
            held.newSession(node, envelope.session());
            sameSession = true;
        }
        if (!sameSession) {
            hold(inbound, 1);
            return;
        }
        NodeState skipped = lost.skip(connection, inbound, cursor);
        if (skipped != null) {
            effects.put(skipped);
            drain(node);
            cursor = effects.node(node);
        }
        long expected = cursor.lastSeq() + 1;
        if (envelope.seq() < expected) {
            redelivered(inbound);
        } else if (envelope.seq() == expected) {
            applyAndStore(inbound);
            drain(node);
        } else {
            hold(inbound, expected);
        }
    }

    /** A seq the node's cursor has passed: a duplicate, a conflicting copy, or older than its sequence's birth. */
    private void redelivered(Inbound inbound) throws SQLException {
        Envelope envelope = inbound.message().envelope();
        String storedId = events.storedId(envelope);
        if (storedId == null) {
            // Older than the birth that started this sequence: keep it for audit, never apply it.
            store(inbound, Refusals.SUPERSEDED);
            reject(Refusals.rejection(inbound.message(), Refusals.SUPERSEDED), envelope.node());
            refusedCount++;
        } else if (storedId.equals(envelope.id().toString())) {
            duplicateCount++;
        } else {
            reject(refusals.conflict(connection, inbound, storedId), envelope.node());
        }
    }

    /** The next seq of its node: applied and stored, or stored as refused; either way the cursor moves past it. */
    private void applyAndStore(Inbound inbound) throws SQLException {
        NodeMessage message = inbound.message();
        Envelope envelope = message.envelope();
        long atMs = inbound.receivedAt().toEpochMilli();
        String refusal = message.payload() instanceof Payload.Invalid invalid ? Refusals.reason(invalid)
                : effects.apply(envelope.node(), message.payload(), atMs);
        effects.put(effects.node(envelope.node()).withCursor(envelope.session(), envelope.seq()).seen(atMs));
        Long token = store(inbound, refusal);
        if (refusal != null) {
            refusedCount++;
            reject(Refusals.rejection(message, refusal), envelope.node());
        } else {
            storedCount++;
            if (message.isBirth()) {
                births.add(envelope.node());
            }
            holdWork.event(connection, envelope.node(), message.payload(), atMs);
            following.applied(envelope, message.payload(), token, atMs);
        }
    }

    /** A seq ahead of the cursor (or of a session not started yet): held, and a resend asked from {@code fromSeq}. */
    private void hold(Inbound inbound, long fromSeq) {
        Envelope envelope = inbound.message().envelope();
        held.hold(inbound);
        if (held.resendDue(envelope.node(), envelope.session(), fromSeq)) {
            metrics.resendRequested();
            commands.add(new Reply.CommandReply(envelope.site(), envelope.node(),
                    Command.of(new Command.Resend(envelope.session(), fromSeq))));
        }
    }

    /** Takes what was held for {@code node} as far as its cursor now reaches, and judges held copies of passed seqs. */
    private void drain(String node) throws SQLException {
        HeldEvents.Held waiting = held.of(node);
        if (waiting == null || !waiting.session().equals(effects.node(node).session())) {
            return; // nothing held, or only for a session that has not started
        }
        while (!waiting.events().isEmpty()) {
            Map.Entry<Long, Inbound> first = waiting.events().firstEntry();
            long lastSeq = effects.node(node).lastSeq();
            if (first.getKey() <= lastSeq) {
                waiting.events().pollFirstEntry();
                redelivered(first.getValue());
            } else if (first.getKey() == lastSeq + 1) {
                waiting.events().pollFirstEntry();
                applyAndStore(first.getValue());
            } else {
                break;
            }
        }
        long decided = effects.node(node).lastSeq();
        for (var others = waiting.others().values().iterator(); others.hasNext(); ) {
            Inbound other = others.next();
            if (other.message().envelope().seq() <= decided) {
                others.remove();
                redelivered(other); // a conflict with what was just stored at its seq
            }
        }
        held.drained(node, waiting);
    }

    /** Returns the id of the event's token, or null. */
    private Long store(Inbound inbound, String refusal) throws SQLException {
        // Written from the decoded payload: encoding and re-reading the message was 18% of ingest (PERFORMANCE.md).
        return events.insert(inbound, refusals.body(inbound.message().payload()), refusal);
    }

    /** Names a refused event in the next ack of its node (docs/DESIGN.md §3: no node deletes what was not stored). */
    private void reject(Ack.Rejection rejection, String node) {
        rejections.computeIfAbsent(node, key -> new ArrayList<>()).add(rejection);
    }

    /**
     * After the commit: publishes the changes to the projection, the clock offsets and the holds' changes, counts the
     * batch, and returns an ack per node touched (everything up to its cursor is stored), then the commands (resends).
     */
    List<Reply> committed() {
        Effects.Changes changes = effects.changes();
        projection.apply(changes.nodes(), changes.places());
        metrics.clockOffsets(clockOffsets);
        holdWork.committed();
        metrics.committed(storedCount, duplicateCount, refusedCount);
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
