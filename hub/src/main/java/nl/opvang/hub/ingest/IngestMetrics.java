package nl.opvang.hub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What ingest tells {@code /metrics}: events stored, duplicate, refused and conflicting, resend requests, events held
 * for a gap, and per node the offset of its clock. The names are relied on by deploy/prometheus/opvang-alerts.yml
 * and docs/PRODUCTION.md. Counted by the ingest worker; counts of a batch only after it commits.
 */
final class IngestMetrics {
    private final MeterRegistry registry;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter refused;
    private final Counter conflicts;
    private final Counter resends;
    /** Per node: the node's clock minus the hub's, estimated from its latest batch (see {@link #clockOffset}). */
    private final Map<String, AtomicLong> clockOffsetSeconds = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry, HeldEvents held) {
        this.registry = registry;
        this.stored = Counter.builder("opvang_events_stored").description("Events stored and applied").register(registry);
        this.duplicates = Counter.builder("opvang_events_duplicate").description("Redelivered events, acked and ignored")
                .register(registry);
        this.refused = Counter.builder("opvang_events_refused")
                .description("Events stored as refused, named in the ack and never applied (a bed that is not the node's, a body "
                        + "that breaks the contract, an event older than the node's birth)")
                .register(registry);
        this.conflicts = Counter.builder("opvang_conflicts")
                .description("Copies of an event refused because their seq was already stored with another id: two nodes "
                        + "with one identity (kept whole for admins, alerted by OpvangNodeIdentityConflict)")
                .register(registry);
        this.resends = Counter.builder("opvang_resend_requests").description("resend commands sent after a gap")
                .register(registry);
        Gauge.builder("opvang_events_pending", held, HeldEvents::size)
                .description("Out-of-order events held until a gap is filled").register(registry);
    }

    /** A batch committed with these counts. */
    void committed(int storedCount, int duplicateCount, int refusedCount) {
        stored.increment(storedCount);
        duplicates.increment(duplicateCount);
        refused.increment(refusedCount);
    }

    /** A conflicting copy was kept for the first time (a resent copy is not counted again). */
    void conflict() {
        conflicts.increment();
    }

    /** A node was asked to resend a gap. */
    void resendRequested() {
        resends.increment();
    }

    /** The clock offsets of the nodes of a committed batch, in milliseconds. */
    void clockOffsets(Map<String, Long> offsetsMs) {
        offsetsMs.forEach(this::clockOffset);
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
                    .tag("node", key).register(registry);
            return value;
        }).set(Math.round(offsetMs / 1000.0));
    }
}
