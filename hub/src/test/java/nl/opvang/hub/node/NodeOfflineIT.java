package nl.opvang.hub.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.opvang.device.node.Node;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.node.TestLocation.StoredEvent;
import nl.opvang.hub.testkit.HubProcess;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/DESIGN.md §9, "broker killed and restarted" and "node offline": the hub runs as its own process on a Mosquitto
 * process; the broker is killed, a real node (the device's code) records 1,000 check-ins and check-outs meanwhile,
 * the broker comes back. Everything arrives once, in order, and the hub's figures match the node's.
 */
class NodeOfflineIT {
    private static final int EVENTS = 1_000;

    @TempDir
    Path dir;

    @Test
    void events_recorded_while_the_broker_is_down_arrive_once_in_order_and_the_hub_agrees_with_the_node() throws Exception {
        Tools.require("mosquitto");
        Path hubData = dir.resolve("hub-data");
        Path region = TestLocation.writeRegion(dir);
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = HubProcess.start(dir, TestLocation.hubArgs(broker.url(), hubData, region));
             Node node = Node.start(TestLocation.nodeConfig(broker.url(), dir.resolve("node")), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> node.hubConnected() && node.pendingCount() == 0);

            broker.kill();
            await().atMost(Duration.ofSeconds(20)).until(() -> !node.brokerConnected());
            for (int i = 0; i < EVENTS; i++) {
                TestLocation.shiftEvent(node, i);
            }
            // Three guests stay, so that the figures to compare are not all zero.
            node.checkIn("T1", "5001", "passant");
            node.checkIn("T2", "5002", null);
            node.checkIn("T5", "5005", "unknown");
            assertTrue(node.pendingCount() >= EVENTS + 3, "everything waits in the outbox: " + node.pendingCount());
            assertFalse(node.hubConnected());

            broker.restart();
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(40)).until(() -> node.pendingCount() == 0);
            Duration drained = Duration.ofNanos(System.nanoTime() - restarted);

            List<StoredEvent> stored = TestLocation.storedEvents(hubData, node.session());
            long max = stored.get(stored.size() - 1).seq();
            assertEquals(1, stored.get(0).seq(), "the birth is seq 1");
            assertEquals(max, stored.size(), "COUNT = MAX seq: no gap, none doubled");
            Set<Long> seqs = new HashSet<>();
            Set<String> ids = new HashSet<>();
            for (StoredEvent event : stored) {
                seqs.add(event.seq());
                ids.add(event.id());
                assertFalse(event.rejected(), "nothing refused: " + event);
            }
            assertEquals(stored.size(), seqs.size(), "COUNT = COUNT DISTINCT seq");
            assertEquals(stored.size(), ids.size(), "no event id stored twice");
            for (int i = 1; i < stored.size(); i++) {
                assertTrue(stored.get(i).receivedMs() >= stored.get(i - 1).receivedMs(),
                        "stored in seq order: seq " + stored.get(i).seq() + " before seq " + stored.get(i - 1).seq());
            }
            assertEquals(EVENTS / 2 + 3, stored.stream().filter(event -> event.type().equals("check_in")).count());
            assertEquals(EVENTS / 2, stored.stream().filter(event -> event.type().equals("check_out")).count());

            await().atMost(Duration.ofSeconds(10)).until(() -> TestLocation.availability(hub.httpPort())
                    .get("freshness").asText().equals("live"));
            assertEquals(occupied(node, Kind.REGULAR), TestLocation.hubOccupied(hub.httpPort(), Kind.REGULAR));
            assertEquals(occupied(node, Kind.CRISIS), TestLocation.hubOccupied(hub.httpPort(), Kind.CRISIS));
            assertEquals(2, occupied(node, Kind.REGULAR));
            assertEquals(1, occupied(node, Kind.CRISIS));
            System.out.println("NodeOfflineIT: " + stored.size() + " events drained " + drained.toMillis()
                    + " ms after the broker restart");
        }
    }

    private static long occupied(Node node, Kind kind) {
        return node.state().beds().stream().filter(bed -> bed.kind() == kind && bed.status() == PlaceStatus.OCCUPIED).count();
    }
}
