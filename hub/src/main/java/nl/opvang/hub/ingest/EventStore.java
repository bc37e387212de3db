package nl.opvang.hub.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.opvang.gateway.Inbound;
import nl.opvang.gateway.IngestSink;
import nl.opvang.gateway.Reply;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.NodeStatus;
import nl.opvang.sql.KeptStatements;

/**
 * Stores node messages exactly once and applies them strictly in {@code seq} order per node (docs/DESIGN.md §3):
 * a duplicate is acked and ignored; the same {@code seq} with another {@code id} is a conflict (two nodes with one
 * identity), refused and kept for admins; a gap holds later events in memory and asks the node to {@code resend}.
 * Every refused event is named in the ack and never blocks the events after it ({@link Refusals}, docs/DESIGN.md §3).
 * Events, the node's cursor and the places they change are written in one transaction; acks are returned only after
 * it commits. Runs on the gateway's single worker thread. The rules are in {@link Batch}, the events waiting for a gap
 * in {@link HeldEvents}, the SQL in {@link IngestStore}, the counters in {@link IngestMetrics}, the nodes' online
 * status in {@link NodeStatuses}.
 */
public final class EventStore implements IngestSink {
    private final Database database;
    private final Registry registry;
    private final AvailabilityProjection projection;
    private final HoldHook holds;
    private final LostEvents lost;
    private final HeldEvents held;
    private final IngestMetrics metrics;
    private final Refusals refusals;
    private final NodeStatuses statuses;
    private final EventFollower follower;
    /** The per-event statements on the writing connection, kept across batches (a prepare per batch costs more). */
    private final KeptStatements statements = new KeptStatements();

    public EventStore(Database database, Registry registry, AvailabilityProjection projection, Clock clock,
                      Duration resendInterval, MeterRegistry metrics, HoldHook holds, LostEvents lost) {
        this(database, registry, projection, clock, resendInterval, metrics, holds, lost, EventFollower.NONE);
    }

    /** With {@code follower} told of every applied event inside the ingest transaction. */
    public EventStore(Database database, Registry registry, AvailabilityProjection projection, Clock clock,
                      Duration resendInterval, MeterRegistry metrics, HoldHook holds, LostEvents lost,
                      EventFollower follower) {
        this.follower = follower;
        this.database = database;
        this.registry = registry;
        this.projection = projection;
        this.holds = holds;
        this.lost = lost;
        this.held = new HeldEvents(clock, resendInterval);
        this.metrics = new IngestMetrics(metrics, held);
        this.refusals = new Refusals(new Codec(), this.metrics);
        this.statuses = new NodeStatuses(database, projection, clock, holds);
    }

    @Override
    public boolean knows(String site, String node) {
        return registry.knows(site, node);
    }

    @Override
    public List<Reply> store(List<Inbound> batch) {
        Batch work = new Batch(registry, projection, held, lost, refusals, holds.begin(), follower, metrics);
        try {
            database.transaction(connection -> {
                work.run(connection, IngestStore.events(statements.on(connection)), batch);
                return null;
            });
        } catch (RuntimeException e) {
            // Nothing was committed: forget what this batch put aside; the nodes resend it.
            held.forget(batch);
            throw e;
        }
        return work.committed();
    }

    @Override
    public void nodeStatus(String site, String node, NodeStatus status) {
        statuses.apply(site, node, status);
    }
}
