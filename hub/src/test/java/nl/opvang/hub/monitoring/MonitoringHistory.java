package nl.opvang.hub.monitoring;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.gateway.Inbound;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.ingest.EventStore;
import nl.opvang.hub.ingest.HoldHook;
import nl.opvang.hub.ingest.LostEvents;
import nl.opvang.hub.report.ReportWebFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;

/**
 * A small history ingested through the real event store into a web fixture's database, from its clock's start (22 Nov
 * 2026, 23:00 Amsterdam): five clients check in at the test location (T1–T5, from Amersfoort) and one is turned away
 * (full); two days later token 1 leaves to 'woning'; the clock then stands a day later. Each event carries the time
 * it is sent (the node's clock is the hub's), as a node online sends it.
 */
final class MonitoringHistory {
    private MonitoringHistory() {
    }

    static void fiveClients(ReportWebFixture hub) {
        Messages node = new Messages("test", "test-1");
        EventStore store = new EventStore(hub.database, hub.registry, hub.projection, hub.clock, Duration.ofSeconds(2),
                new SimpleMeterRegistry(), HoldHook.NONE, new LostEvents(new AuditLog(hub.clock),
                new SimpleMeterRegistry()), new LedgerStore());
        List<NodeMessage> history = new ArrayList<>(List.of(node.testBirth()));
        for (int bed = 1; bed <= 5; bed++) {
            history.add(node.next(new Payload.CheckIn("T" + bed, null, Messages.token(bed), "0307", null),
                    hub.clock.instant()));
        }
        history.add(node.next(new Payload.TurnAway("full", Kind.REGULAR), hub.clock.instant()));
        deliver(hub, store, history);
        hub.advance(Duration.ofDays(2));
        deliver(hub, store, List.of(node.next(new Payload.CheckOut("T1", null, Messages.token(1), "woning"),
                hub.clock.instant())));
        hub.advance(Duration.ofDays(1));
    }

    private static void deliver(ReportWebFixture hub, EventStore store, List<NodeMessage> messages) {
        store.store(messages.stream().map(message -> new Inbound(message, hub.clock.instant(), System.nanoTime()))
                .toList());
    }
}
