package nl.opvang.hub.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import nl.opvang.device.node.Node;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.testkit.HubProcess;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FAULTS R08, the hub down longer than the broker's queue holds: Mosquitto keeps at most 100 messages for the hub's
 * offline session ({@code max_queued_messages 100}); with the hub stopped a real node records 300 check-ins and -outs,
 * all accepted by the broker (PUBACK), which drops what does not fit. The node is shut down and the hub started: it
 * gets no more than the queue held. The node, back, resends everything it never saw acked by the hub, and the hub
 * dedups what it already had: all 300 stored, each once.
 */
class BrokerQueueOverflowIT {
    private static final int QUEUE = 100;
    private static final int EVENTS = 300;

    @TempDir
    Path dir;

    @Test
    void events_the_broker_dropped_from_a_full_queue_are_resent_by_the_node_and_each_is_stored_once() throws Exception {
        Tools.require("mosquitto");
        Path hubData = dir.resolve("hub-data");
        Path nodeData = dir.resolve("node");
        Path region = TestLocation.writeRegion(dir);
        AtomicLong highestAck = new AtomicLong();
        List<String> recorded = new ArrayList<>();
        // Later lines win: the fixture's generous queue is cut to 100; 'notice' logs the drops.
        try (MosquittoBroker broker = MosquittoBroker.start("max_queued_messages " + QUEUE, "log_type notice");
             BrokerWatch watch = new BrokerWatch(broker.url(), highestAck)) {
            String[] hubArgs = TestLocation.hubArgs(broker.url(), hubData, region);
            String session;
            long lastSeq;
            try (HubProcess hub = HubProcess.start(dir, hubArgs);
                 Node node = Node.start(TestLocation.nodeConfig(broker.url(), nodeData), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> node.hubConnected() && node.pendingCount() == 0);
                session = node.session();

                hub.stop();
                await().atMost(Duration.ofSeconds(10)).until(() -> !node.hubConnected());
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < EVENTS; i++) {
                    NodeMessage event = TestLocation.shiftEvent(node, i);
                    recorded.add(event.envelope().id().toString());
                    seqs.add(event.envelope().seq());
                }
                lastSeq = seqs.get(seqs.size() - 1);
                // The broker took all 300 from the node; the hub's offline session could hold only 100 of them.
                await().atMost(Duration.ofSeconds(15)).until(() -> watch.sawEvents(seqs));
                assertTrue(node.pendingCount() >= EVENTS, "nothing acked while the hub is down: " + node.pendingCount());
            }
            try (HubProcess hub = HubProcess.start(dir, hubArgs)) {
                // The node is down: what the hub gets now is what the broker kept, never more than its queue.
                await().atMost(Duration.ofSeconds(20)).until(() -> TestLocation.storedCheckInsAndOuts(hubData, session) > 0);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                        .until(() -> TestLocation.storedCheckInsAndOuts(hubData, session) <= QUEUE);
                long fromQueue = TestLocation.storedCheckInsAndOuts(hubData, session);
                TestLocation.assertStoredExactlyOnce(hubData, session, highestAck.get(), List.of());

                long started = System.nanoTime();
                try (Node node = Node.start(TestLocation.nodeConfig(broker.url(), nodeData), Clock.systemUTC())) {
                    assertEquals(session, node.session(), "the node kept its session");
                    await().atMost(Duration.ofSeconds(20)).until(() -> node.hubConnected() && node.pendingCount() == 0);
                    long drainedMs = (System.nanoTime() - started) / 1_000_000;
                    await().atMost(Duration.ofSeconds(5)).until(() -> watch.highestAck() >= lastSeq);
                    TestLocation.assertStoredExactlyOnce(hubData, session, watch.highestAck(), recorded);
                    assertEquals(EVENTS, TestLocation.storedCheckInsAndOuts(hubData, session), "all 300, none doubled");
                    await().atMost(Duration.ofSeconds(10)).until(() -> TestLocation.availability(hub.httpPort())
                            .get("freshness").asText().equals("live"));
                    System.out.println("BrokerQueueOverflowIT: the broker's queue delivered " + fromQueue + " of " + EVENTS
                            + "; the node resent the rest, outbox empty " + drainedMs + " ms after its start");
                }
            }
            // Mosquitto's log goes to a pipe, so it is written out when the broker exits.
            broker.stop();
            assertTrue(broker.log().contains("Outgoing messages are being dropped for client opvang-hub"),
                    "mosquitto dropped messages for the hub's session:\n" + broker.log());
        }
    }
}
