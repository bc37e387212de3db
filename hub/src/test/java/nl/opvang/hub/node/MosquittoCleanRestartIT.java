package nl.opvang.hub.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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
 * FAULTS R06, Mosquitto restarted cleanly while the hub is offline: the hub is stopped (its persistent session stays
 * at the broker), a real node records 200 check-ins and -outs that the broker queues for the hub, the node is shut
 * down, Mosquitto is restarted cleanly ({@code SIGTERM}, persistence on, so it saves the session and its queue) and
 * the hub started. The saved session alone delivers all 200 (the node is still down); the node, back, resends what it
 * never saw acked and the hub dedups: every event stored exactly once.
 */
class MosquittoCleanRestartIT {
    private static final int EVENTS = 200;

    @TempDir
    Path dir;

    private final long testStarted = System.nanoTime();
    private final StringBuilder phases = new StringBuilder();

    /** Notes how long the test has run when a phase ends (the machine is shared: this shows where time goes). */
    private void phase(String name) {
        phases.append(", ").append(name).append(' ').append((System.nanoTime() - testStarted) / 1_000_000).append(" ms");
    }

    @Test
    void a_clean_mosquitto_restart_while_the_hub_is_down_keeps_its_session_and_delivers_all_200_events_once() throws Exception {
        Tools.require("mosquitto");
        Path hubData = dir.resolve("hub-data");
        Path nodeData = dir.resolve("node");
        Path region = TestLocation.writeRegion(dir);
        AtomicLong highestAck = new AtomicLong();
        List<String> recorded = new ArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.startPersistent()) {
            String[] hubArgs = TestLocation.hubArgs(broker.url(), hubData, region);
            String session;
            long lastSeq;
            try (HubProcess hub = HubProcess.start(dir, hubArgs);
                 BrokerWatch watch = new BrokerWatch(broker.url(), highestAck);
                 Node node = Node.start(TestLocation.nodeConfig(broker.url(), nodeData), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> node.hubConnected() && node.pendingCount() == 0);
                session = node.session();
                phase("hub and node up");

                hub.stop();
                await().atMost(Duration.ofSeconds(10)).until(() -> !node.hubConnected());
                phase("hub stopped");
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < EVENTS; i++) {
                    NodeMessage event = TestLocation.shiftEvent(node, i);
                    recorded.add(event.envelope().id().toString());
                    seqs.add(event.envelope().seq());
                }
                lastSeq = seqs.get(seqs.size() - 1);
                // The broker has taken all 200 (and queued them for the hub's session) once it has passed them on.
                await().atMost(Duration.ofSeconds(15)).until(() -> watch.sawEvents(seqs));
                assertTrue(node.pendingCount() >= EVENTS, "nothing acked while the hub is down: " + node.pendingCount());
                phase("200 at the broker");
            }
            phase("node down");
            // The node is down from here until the hub has stored everything: only the broker can deliver.
            broker.restartCleanly();
            phase("broker restarted");
            assertTrue(Files.size(broker.persistenceFile()) > 0, "mosquitto saved its state on SIGTERM");

            try (HubProcess hub = HubProcess.start(dir, hubArgs);
                 BrokerWatch watch = new BrokerWatch(broker.url(), highestAck)) {
                phase("hub up");
                long started = System.nanoTime();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> TestLocation.storedCheckInsAndOuts(hubData, session) == EVENTS);
                long deliveredMs = (System.nanoTime() - started) / 1_000_000;
                phase("200 stored");
                TestLocation.assertStoredExactlyOnce(hubData, session, highestAck.get(), recorded);

                try (Node node = Node.start(TestLocation.nodeConfig(broker.url(), nodeData), Clock.systemUTC())) {
                    assertEquals(session, node.session(), "the node kept its session");
                    await().atMost(Duration.ofSeconds(20)).until(() -> node.hubConnected() && node.pendingCount() == 0);
                    phase("node drained");
                    await().atMost(Duration.ofSeconds(5)).until(() -> watch.highestAck() >= lastSeq);
                    TestLocation.assertStoredExactlyOnce(hubData, session, watch.highestAck(), recorded);
                    assertEquals(EVENTS, TestLocation.storedCheckInsAndOuts(hubData, session), "none doubled by the resend");
                    await().atMost(Duration.ofSeconds(10)).until(() -> TestLocation.availability(hub.httpPort())
                            .get("freshness").asText().equals("live"));
                    System.out.println("MosquittoCleanRestartIT: " + EVENTS + " events stored from the saved session "
                            + deliveredMs + " ms after the hub started" + phases);
                }
            }
        }
    }
}
