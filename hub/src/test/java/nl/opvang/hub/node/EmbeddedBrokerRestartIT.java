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
import java.util.function.Consumer;
import nl.opvang.device.node.Node;
import nl.opvang.harness.FreePort;
import nl.opvang.hub.testkit.HubProcess;
import nl.opvang.protocol.NodeMessage;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FAULTS R21, the embedded Moquette broker (the one {@code --demo} and a hub without {@code --mqtt-url} run) going
 * away with its hub: the hub runs as its own process with the embedded broker on a fixed port and its store in the
 * data folder; a real node records check-ins and -outs before, while and after the hub (and so the broker) is down;
 * the hub is started again on the same data folder and port. The node reconnects by itself and resends what was never
 * acked: every event stored exactly once, the location live again. Once with a clean stop (SIGTERM), once with
 * {@code kill -9}, which leaves Moquette's store as it was at the kill.
 */
class EmbeddedBrokerRestartIT {
    private static final int BEFORE = 100;
    private static final int WHILE_DOWN = 200;

    @TempDir
    Path dir;

    @Test
    void after_a_clean_stop_and_start_of_the_hub_with_its_embedded_broker_the_node_reconnects_and_all_is_stored_once()
            throws Exception {
        restartWithTheNodeRecording(HubProcess::stop, "stop");
    }

    @Test
    void after_a_kill_9_of_the_hub_with_its_embedded_broker_the_node_reconnects_and_all_is_stored_once() throws Exception {
        restartWithTheNodeRecording(HubProcess::kill, "kill -9");
    }

    private void restartWithTheNodeRecording(Consumer<HubProcess> down, String how) throws Exception {
        Path hubData = dir.resolve("hub-data");
        Path region = TestLocation.writeRegion(dir);
        int mqttPort = FreePort.pick();
        String url = "tcp://127.0.0.1:" + mqttPort;
        // No --mqtt-url: the hub starts its embedded broker, with its store in hub-data/broker.
        String[] hubArgs = {"--demo", "--mqtt-port", Integer.toString(mqttPort), "--http-port", "0",
            "--data", hubData.toString(), "--region", region.toString()};
        AtomicLong highestAck = new AtomicLong();
        List<String> recorded = new ArrayList<>();
        HubProcess hub = HubProcess.start(dir, hubArgs);
        try (Node node = Node.start(TestLocation.nodeConfig(url, dir.resolve("node")), Clock.systemUTC())) {
            String session = node.session();
            long ackedBefore;
            try (BrokerWatch watch = new BrokerWatch(url, highestAck)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> node.hubConnected() && node.pendingCount() == 0);
                long last = record(node, 0, BEFORE, recorded);
                await().atMost(Duration.ofSeconds(20)).until(() -> watch.highestAck() >= last);
                ackedBefore = watch.highestAck();
                down.accept(hub);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> !node.brokerConnected());
            long lastSeq = record(node, BEFORE, WHILE_DOWN, recorded);
            assertTrue(node.pendingCount() >= WHILE_DOWN, "what was recorded meanwhile waits: " + node.pendingCount());

            hub = HubProcess.start(dir, hubArgs);
            assertEquals(mqttPort, hub.mqttPort(), "the embedded broker is back on its port");
            long started = System.nanoTime();
            try (BrokerWatch watch = new BrokerWatch(url, highestAck)) {
                // The node's reconnect back-off is at most 10 s (docs/DESIGN.md §8); it connects and resends by itself.
                awaitDrained(node, hub);
                long drainedMs = (System.nanoTime() - started) / 1_000_000;
                // The node may reconnect while the hub is still starting, before this watch subscribed; its empty
                // outbox is the proof that it saw an ack up to lastSeq (acked rows are deleted, nothing else is).
                TestLocation.assertStoredExactlyOnce(hubData, session, Math.max(watch.highestAck(), lastSeq), recorded);
                assertEquals(BEFORE + WHILE_DOWN, TestLocation.storedCheckInsAndOuts(hubData, session),
                        "every check-in and -out stored once");
                int httpPort = hub.httpPort();
                await().atMost(Duration.ofSeconds(10)).until(() -> TestLocation.availability(httpPort)
                        .get("freshness").asText().equals("live"));
                System.out.println("EmbeddedBrokerRestartIT (" + how + "): acked before " + ackedBefore + ", "
                        + WHILE_DOWN + " recorded while down, outbox empty " + drainedMs + " ms after the hub was ready");
            }
        } finally {
            hub.close();
        }
    }

    /**
     * Waits until the node is connected to the hub and its outbox is empty; says what was not, with the hub's log, when
     * it fails. Usually well under a second. The bound is the node's worst case by its settings: a connect attempt that
     * hangs (10 s connect timeout), then the capped back-off (10 s + jitter), then, were the resend on connect lost
     * because the hub had not subscribed yet and its online status not seen, the ack timeout (30 s).
     */
    private static void awaitDrained(Node node, HubProcess hub) {
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> node.hubConnected() && node.pendingCount() == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("after 60 s: broker connected " + node.brokerConnected() + ", hub connected "
                    + node.hubConnected() + ", outbox " + node.pendingCount() + "; the hub's log:\n" + hub.log(), e);
        }
    }

    /** Records {@code count} check-ins and -outs, numbered from {@code from}; returns the last seq. */
    private static long record(Node node, int from, int count, List<String> recorded) {
        long last = 0;
        for (int i = from; i < from + count; i++) {
            NodeMessage event = TestLocation.shiftEvent(node, i);
            recorded.add(event.envelope().id().toString());
            last = event.envelope().seq();
        }
        return last;
    }
}
