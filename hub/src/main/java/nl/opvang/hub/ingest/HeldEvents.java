package nl.opvang.hub.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import nl.opvang.gateway.Inbound;
import nl.opvang.protocol.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events that arrived ahead of a gap, held in memory per node until the gap fills (docs/DESIGN.md §3), and when to ask
 * a node again to resend the gap. Only events of the session the node's sequence is in are kept: a new session drops
 * them. Nothing here is stored: after a restart, or when the batch that held them rolls back, the node resends. Written
 * by the ingest worker; {@link #size} is read by the metrics thread.
 */
final class HeldEvents {
    private static final Logger LOG = LoggerFactory.getLogger(HeldEvents.class);
    /** Most out-of-order events held per node while waiting for a gap to fill; more are dropped (the node resends). */
    static final int MAX_PENDING = 20_000;

    private final Map<String, Held> byNode = new ConcurrentHashMap<>();
    /** When a resend was last asked, per node, session and missing seq. */
    private final Map<String, Long> lastResendMs = new HashMap<>();
    private final Clock clock;
    private final Duration resendInterval;

    /**
     * Out-of-order events of one node, all of one session, by seq; and copies of a held seq with another id (two nodes
     * with one identity), judged like redeliveries once their seq is decided, never dropped unseen.
     */
    record Held(String session, TreeMap<Long, Inbound> events, Map<UUID, Inbound> others) {
        int size() {
            return events.size() + others.size();
        }
    }

    HeldEvents(Clock clock, Duration resendInterval) {
        this.clock = clock;
        this.resendInterval = resendInterval;
    }

    /** The events held for {@code node}, all of one session, or null when there are none. */
    Held of(String node) {
        return byNode.get(node);
    }

    /** A new session of {@code node} starts: what was held for another session can never apply. */
    void newSession(String node, String session) {
        Held held = byNode.get(node);
        if (held != null && !held.session().equals(session)) {
            byNode.remove(node);
        }
    }

    /** Forgets what is held for {@code node} once nothing is left in {@code held}. */
    void drained(String node, Held held) {
        if (held.size() == 0) {
            byNode.remove(node);
        }
    }

    /** The batch with these events rolled back: forget what it put aside for their nodes; the nodes resend it. */
    void forget(List<Inbound> batch) {
        for (Inbound inbound : batch) {
            byNode.remove(inbound.node());
        }
    }

    /**
     * Holds an event that arrived ahead of its turn; a copy with another id of a held seq is kept beside it. Past
     * {@link #MAX_PENDING} for its node the event is dropped: the node resends it.
     */
    void hold(Inbound inbound) {
        Envelope envelope = inbound.message().envelope();
        Held held = byNode.get(envelope.node());
        if (held == null || !held.session().equals(envelope.session())) {
            held = new Held(envelope.session(), new TreeMap<>(), new LinkedHashMap<>());
            byNode.put(envelope.node(), held);
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
    }

    /** Whether to ask the node to resend from {@code fromSeq} now: at most once per resend interval per gap. */
    boolean resendDue(String node, String session, long fromSeq) {
        long now = clock.millis();
        String key = node + " " + session + " " + fromSeq;
        Long last = lastResendMs.get(key);
        if (last == null || now - last >= resendInterval.toMillis()) {
            lastResendMs.put(key, now);
            return true;
        }
        return false;
    }

    /** Events held over all nodes (the gauge {@code opvang_events_pending}). */
    int size() {
        return byNode.values().stream().mapToInt(Held::size).sum();
    }
}
