package nl.opvang.hub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.gateway.Inbound;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events no one holds any more (docs/DESIGN.md §3). After a restore from an older backup the hub asks a node to
 * {@code resend} what the backup lacks; the node serves it from its journal, and what it pruned from there it declares
 * lost in a birth ({@code lost: {from, to}}) that carries its full state. Without this the hub would hold that birth
 * and everything after it for a gap no one can fill, and the region would freeze. Here the hub moves the node's cursor
 * past the gap it cannot fill, records the gap (node, session, from, to) in the audit log, where {@code /admin} shows it,
 * and counts it in {@code opvang_events_lost_total}; the events after it and the birth then apply in order.
 */
public final class LostEvents {
    /** The audit action of a recorded gap. */
    public static final String ACTION = "events.lost";
    private static final Logger LOG = LoggerFactory.getLogger(LostEvents.class);
    private static final Pattern DETAIL = Pattern.compile("session=(\\S+) from=(\\d+) to=(\\d+) birth=(\\d+)");

    private final AuditLog audit;
    private final Counter lost;

    public LostEvents(AuditLog audit, MeterRegistry metrics) {
        this.audit = audit;
        this.lost = Counter.builder("opvang_events_lost").description(
                        "Events a node could no longer resend (pruned from its journal), recorded as a gap after its birth")
                .register(metrics);
    }

    /** A recorded gap as admins see it: seqs {@code from}..{@code to} of {@code node}'s session were never stored. */
    public record Gap(String node, String session, long from, long to, long birthSeq, Instant at) {
        public long events() {
            return to - from + 1;
        }
    }

    /**
     * When {@code inbound} is a birth declaring lost seqs that include the next one the hub waits for, records the gap
     * (in the caller's transaction) and returns the node's cursor moved to the end of it; otherwise {@code null}.
     */
    NodeState skip(Connection connection, Inbound inbound, NodeState cursor) throws SQLException {
        Envelope envelope = inbound.message().envelope();
        if (!(inbound.message().payload() instanceof Payload.Birth birth) || birth.lost() == null
                || !envelope.session().equals(cursor.session())) {
            return null;
        }
        long expected = cursor.lastSeq() + 1;
        Payload.Lost declared = birth.lost();
        if (expected < declared.from() || expected > declared.to() || declared.to() >= envelope.seq()) {
            return null;
        }
        audit.append(connection, "system", ACTION, envelope.node(), "session=" + envelope.session() + " from=" + expected
                + " to=" + declared.to() + " birth=" + envelope.seq());
        lost.increment(declared.to() - expected + 1);
        LOG.warn("Node {} no longer holds seq {}..{} of session {} (pruned from its journal): recorded as lost; its birth at "
                + "seq {} replaces its state", envelope.node(), expected, declared.to(), envelope.session(), envelope.seq());
        return cursor.withCursor(envelope.session(), declared.to());
    }

    /** The gaps recorded, newest first, at most {@code limit}. */
    public List<Gap> recent(Database database, int limit) {
        return audit.entries(database, ACTION, limit).stream().map(LostEvents::gap).filter(gap -> gap != null).toList();
    }

    private static Gap gap(AuditLog.Entry entry) {
        Matcher matcher = DETAIL.matcher(String.valueOf(entry.detail()));
        if (!matcher.matches()) {
            return null;
        }
        return new Gap(entry.subject(), matcher.group(1), Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)),
                Long.parseLong(matcher.group(4)), Instant.ofEpochMilli(entry.atMs()));
    }
}
