package nl.opvang.hub.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.device.node.LinkSettings;
import nl.opvang.device.node.Node;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.harness.TcpProxy;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.node.TestLocation.StoredEvent;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.NodeStatus;
import nl.opvang.protocol.Topics;
import nl.opvang.protocol.TurnAwayReason;
import nl.opvang.testing.Tools;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Link faults of docs/DESIGN.md §9 between a real node (the device's code) and the hub running in-process, on a
 * Mosquitto process, the node reaching it through a {@link TcpProxy}: acks lost on the way back (R10), the same client
 * id connecting while its old connection is half-open (R16), a stale last will after a fast reconnect (R17), Paho's
 * in-flight limit (R19) and a slow, jittery link that drops now and then (R05 as far as it can be done without netem).
 * The oracle of each: everything the node saw acked is stored at the hub exactly once.
 */
class LinkFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern DUPLICATES = Pattern.compile("^opvang_events_duplicate_total(?:\\{[^}]*\\})? ([0-9.E]+)$",
            Pattern.MULTILINE);

    @TempDir
    Path dir;

    @BeforeEach
    void mosquitto() {
        Tools.require("mosquitto");
    }

    private Hub hub(String brokerUrl) throws Exception {
        Path region = TestLocation.writeRegion(dir);
        return Hub.start(HubConfig.builder().loopbackAnyPorts().mqttUrl(brokerUrl).data(hubData()).region(region).build(),
                Clock.systemUTC());
    }

    private Path hubData() {
        return dir.resolve("hub-data");
    }

    @Test
    void acks_lost_on_the_way_back_are_resent_stored_once_and_acked_after_the_link_heals() throws Exception {
        // A keep-alive longer than the fault, so the node stays "connected" and only its ack time-out resends.
        LinkSettings settings = new LinkSettings(Duration.ofSeconds(2), 100, Duration.ofSeconds(30), Duration.ofSeconds(1));
        try (MosquittoBroker broker = MosquittoBroker.start();
             TcpProxy proxy = new TcpProxy(broker.port());
             Hub hub = hub(broker.url());
             Node node = Node.start(TestLocation.nodeConfig(proxy.url(), dir.resolve("node")), Clock.systemUTC(), settings)) {
            await().atMost(WAIT).until(() -> node.hubConnected() && node.pendingCount() == 0);
            double duplicatesBefore = duplicates(hub);

            proxy.dropDownstream();
            long dropped = System.nanoTime();
            long last = 0;
            for (int i = 0; i < 10; i++) {
                String bed = "T" + (1 + i % 4);
                node.checkIn(bed, "700" + i, null);
                last = node.checkOut(bed, "700" + i, null).envelope().seq();
            }
            long lastSeq = last;
            // Every event reaches the hub and is stored; its acks (and the broker's PUBACKs) are lost on the way back.
            await().atMost(WAIT).until(() -> storedUpTo(node) >= lastSeq);
            // After its ack time-out the node sends them again: the hub counts them as duplicates and stores nothing new.
            await().atMost(WAIT).until(() -> duplicates(hub) >= duplicatesBefore + 20);
            assertEquals(20, node.pendingCount(), "no ack got through");
            assertTrue(node.brokerConnected(), "the node still believes in its connection");
            assertTrue(proxy.damagedConnections() >= 1, "answers were thrown away");
            assertStoredOnce(node, lastSeq);
            Duration faulted = Duration.ofNanos(System.nanoTime() - dropped);

            proxy.restore();
            long restored = System.nanoTime();
            await().atMost(WAIT).until(() -> node.pendingCount() == 0);
            Duration healed = Duration.ofNanos(System.nanoTime() - restored);
            assertStoredOnce(node, lastSeq);
            System.out.println("LinkFaultsTest R10: acks lost for " + faulted.toMillis() + " ms, " + (duplicates(hub)
                    - duplicatesBefore) + " duplicates ignored by the hub, all acked " + healed.toMillis()
                    + " ms after the link healed");
        }
    }

    @Test
    void a_restarted_node_taking_over_its_half_open_connection_loses_nothing_and_doubles_nothing() throws Exception {
        // The broker would notice the dead connection only after 1.5 × 10 s; the takeover must come long before that.
        LinkSettings settings = new LinkSettings(Duration.ofSeconds(3), 100, Duration.ofSeconds(10), Duration.ofSeconds(1));
        Path nodeData = dir.resolve("node");
        try (MosquittoBroker broker = MosquittoBroker.start();
             TcpProxy proxy = new TcpProxy(broker.port());
             Hub hub = hub(broker.url())) {
            String session;
            long firstConnection;
            try (Node first = Node.start(TestLocation.nodeConfig(proxy.url(), nodeData), Clock.systemUTC(), settings)) {
                session = first.session();
                await().atMost(WAIT).until(() -> first.hubConnected() && first.pendingCount() == 0);
                first.checkIn("T1", "8001", null);
                await().atMost(WAIT).until(() -> first.pendingCount() == 0);
                firstConnection = nodeState(hub).connection();

                assertEquals(1, proxy.halfOpen());
                first.checkIn("T2", "8002", null);
                first.turnAway(TurnAwayReason.FULL, null);
                assertEquals(2, first.pendingCount());
                // The node process dies now: its socket closes, but the half-open link carries no FIN to the broker.
            }
            assertEquals(1, proxy.openConnections(), "the broker still holds the first connection");
            proxy.restore();

            long restarted = System.nanoTime();
            try (Node second = Node.start(TestLocation.nodeConfig(proxy.url(), nodeData), Clock.systemUTC(), settings)) {
                assertEquals(session, second.session(), "the same node: same client id, same outbox");
                await().atMost(WAIT).until(() -> second.brokerConnected());
                // Mosquitto closes the old connection when the same client id connects again (takeover).
                await().atMost(WAIT).until(() -> proxy.openConnections() == 1);
                Duration takenOver = Duration.ofNanos(System.nanoTime() - restarted);
                assertTrue(takenOver.compareTo(Duration.ofSeconds(10)) < 0,
                        "taken over after " + takenOver.toMillis() + " ms, not by the broker's keep-alive");
                await().atMost(WAIT).until(() -> second.pendingCount() == 0);
                second.checkOut("T1", "8001", null);
                long lastSeq = second.checkOut("T2", "8002", null).envelope().seq();
                await().atMost(WAIT).until(() -> second.pendingCount() == 0);

                List<StoredEvent> stored = assertStoredOnce(second, lastSeq);
                assertEquals(List.of("birth", "check_in", "check_in", "turn_away", "check_out", "check_out"),
                        stored.stream().map(StoredEvent::type).filter(type -> !type.equals("heartbeat")).toList());
                await().atMost(WAIT).until(() -> nodeState(hub).online() && nodeState(hub).connection() > firstConnection);
                System.out.println("LinkFaultsTest R16: the old half-open connection was taken over " + takenOver.toMillis()
                        + " ms after the node restarted");
            }
        }
    }

    @Test
    void a_last_will_of_an_older_connection_arriving_after_the_new_online_status_leaves_the_node_online() throws Exception {
        LinkSettings settings = new LinkSettings(Duration.ofSeconds(3), 100, Duration.ofSeconds(10), Duration.ofSeconds(1));
        Codec codec = new Codec();
        String statusTopic = Topics.node(TestLocation.SITE, TestLocation.NODE, Channel.STATUS);
        try (MosquittoBroker broker = MosquittoBroker.start();
             TcpProxy proxy = new TcpProxy(broker.port());
             TcpProxy lateLink = new TcpProxy(broker.port());
             Hub hub = hub(broker.url());
             Node node = Node.start(TestLocation.nodeConfig(proxy.url(), dir.resolve("node")), Clock.systemUTC(), settings)) {
            await().atMost(WAIT).until(() -> node.hubConnected() && node.pendingCount() == 0);
            await().atMost(WAIT).until(() -> nodeState(hub).online());
            long oldConnection = nodeState(hub).connection();
            List<NodeStatus> seen = new CopyOnWriteArrayList<>();
            MqttAsyncClient watcher = client(broker.url(), "watcher", null);
            watcher.setCallback(new Listener((topic, message) -> seen.add(codec.decodeNodeStatus(message.getPayload()))));
            watcher.subscribe(statusTopic, 1).waitForCompletion(5_000);

            // The node's side of the link drops: it reconnects at once, well within the keep-alive, while the broker
            // still holds the old connection until the same client id takes it over.
            assertEquals(1, proxy.abandon());
            long dropped = System.nanoTime();
            await().atMost(WAIT).until(() -> nodeState(hub).connection() > oldConnection && nodeState(hub).online());
            Duration reconnected = Duration.ofNanos(System.nanoTime() - dropped);
            assertTrue(reconnected.compareTo(Duration.ofSeconds(10)) < 0, "reconnected after " + reconnected.toMillis() + " ms");
            await().atMost(WAIT).until(() -> proxy.openConnections() == 1);
            long newConnection = nodeState(hub).connection();

            // Now the old connection's last will arrives late, after the new online status, as a broker that only finds
            // the old connection dead later (or a bridge, or a will delay) delivers it: published by the broker itself,
            // as the will of a connection that dies.
            NodeStatus staleWill = NodeStatus.offline(node.session(), oldConnection);
            MqttAsyncClient old = client(lateLink.url(), "old-connection", will -> will.setWill(statusTopic,
                    codec.encode(staleWill), 1, true));
            lateLink.cut();
            // (Mosquitto itself already sent the old will once, at the takeover, before the new online status.)
            NodeStatus newOnline = NodeStatus.online(node.session(), newConnection);
            await().atMost(WAIT).until(() -> seen.contains(newOnline) && seen.lastIndexOf(staleWill) > seen.indexOf(newOnline));
            // The hub keeps the node online throughout (the will names an older connection than the one it knows).
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> nodeState(hub).online() && nodeState(hub).connection() == newConnection);
            // And the node's next event is still stored and acked as usual.
            long lastSeq = node.checkIn("T3", "9001", null).envelope().seq();
            await().atMost(WAIT).until(() -> node.pendingCount() == 0);
            assertStoredOnce(node, lastSeq);
            assertTrue(nodeState(hub).online());
            System.out.println("LinkFaultsTest R17: reconnected " + reconnected.toMillis() + " ms after the drop; statuses "
                    + "seen on the wire: " + seen);
            watcher.disconnect().waitForCompletion(2_000);
            watcher.close();
            old.close(true);
        }
    }

    @Test
    void a_burst_of_500_events_past_pahos_in_flight_limit_of_10_is_delivered_in_order_and_complete() throws Exception {
        // Window 100 over Paho's maxInflight 10: Paho answers 32202 and the link must wait, not count the row as sent.
        // The ack time-out is long, so a row skipped by mistake would show as a gap and a late resend (a duplicate).
        LinkSettings settings = new LinkSettings(Duration.ofSeconds(60), 100, Duration.ofSeconds(10), Duration.ofSeconds(1))
                .withPahoMaxInflight(10);
        try (MosquittoBroker broker = MosquittoBroker.start();
             TcpProxy proxy = new TcpProxy(broker.port());
             Hub hub = hub(broker.url());
             Node node = Node.start(TestLocation.nodeConfig(proxy.url(), dir.resolve("node")), Clock.systemUTC(), settings)) {
            await().atMost(WAIT).until(() -> node.hubConnected() && node.pendingCount() == 0);
            double duplicatesBefore = duplicates(hub);
            // The burst waits in the outbox while the link is down, so that it leaves in one go when the link returns:
            // recorded live, each event is acked before the next commit and the limit is never reached.
            proxy.cut();
            await().atMost(WAIT).until(() -> !node.brokerConnected());
            long last = 0;
            for (int i = 0; i < 250; i++) {
                String bed = "T" + (1 + i % 4);
                node.checkIn(bed, "600" + i, null);
                last = node.checkOut(bed, "600" + i, null).envelope().seq();
            }
            assertEquals(500, node.pendingCount());
            proxy.restore();
            long started = System.nanoTime();
            await().atMost(WAIT).until(() -> node.pendingCount() == 0);
            Duration drained = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(node.deferredPublishes() > 0, "Paho's limit was never reached");
            List<StoredEvent> stored = assertStoredOnce(node, last);
            assertTrue(stored.size() >= 501, "birth and 500 events: " + stored.size());
            assertStoredInSeqOrder(stored);
            assertEquals(duplicatesBefore, duplicates(hub), "nothing had to be sent twice");
            System.out.println("LinkFaultsTest R19: 500 events drained in " + drained.toMillis() + " ms; Paho refused "
                    + node.deferredPublishes() + " publishes with 32202, each sent later");
        }
    }

    @Test
    void a_slow_jittery_link_that_also_drops_now_and_then_delivers_everything_once_and_in_order() throws Exception {
        // R05 without netem (this kernel has no sch_netem): every chunk held back 0–150 ms both ways, so acks and
        // events cross late and out of step with the node's 1 s ack time-out, and the link dropped three times on top.
        LinkSettings settings = new LinkSettings(Duration.ofSeconds(1), 100, Duration.ofSeconds(10), Duration.ofSeconds(1));
        try (MosquittoBroker broker = MosquittoBroker.start();
             TcpProxy proxy = new TcpProxy(broker.port());
             Hub hub = hub(broker.url());
             Node node = Node.start(TestLocation.nodeConfig(proxy.url(), dir.resolve("node")), Clock.systemUTC(), settings)) {
            await().atMost(WAIT).until(() -> node.hubConnected() && node.pendingCount() == 0);
            proxy.degrade(150);
            long last = 0;
            long started = System.nanoTime();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 20; i++) {
                    String bed = "T" + (1 + i % 4);
                    String pass = "5" + round + String.format("%02d", i);
                    node.checkIn(bed, pass, null);
                    last = node.checkOut(bed, pass, null).envelope().seq();
                }
                proxy.cut(); // the dropped connection a lossy link ends in
                proxy.restore();
                proxy.degrade(150);
            }
            long lastSeq = last;
            await().atMost(Duration.ofSeconds(60)).until(() -> node.pendingCount() == 0);
            Duration drained = Duration.ofNanos(System.nanoTime() - started);
            List<StoredEvent> stored = assertStoredOnce(node, lastSeq);
            assertStoredInSeqOrder(stored);
            assertEquals(120, stored.stream().filter(e -> e.type().startsWith("check_")).count());
            System.out.println("LinkFaultsTest R05: 120 events over a link delaying 0–150 ms and dropped 3 times, all "
                    + "acked after " + drained.toMillis() + " ms; " + (long) duplicates(hub) + " duplicates ignored");
        }
    }

    /** COUNT = MAX seq ≥ {@code lastSeq}, ids distinct, nothing refused: every acked event stored exactly once. */
    private List<StoredEvent> assertStoredOnce(Node node, long lastSeq) throws Exception {
        List<StoredEvent> stored = TestLocation.storedEvents(hubData(), node.session());
        long max = stored.get(stored.size() - 1).seq();
        assertTrue(max >= lastSeq, "stored up to " + max + ", recorded up to " + lastSeq);
        assertEquals(max, stored.size(), "COUNT = MAX seq: no gap, none doubled");
        Set<String> ids = new HashSet<>();
        stored.forEach(event -> ids.add(event.id()));
        assertEquals(stored.size(), ids.size(), "no event id stored twice");
        assertTrue(stored.stream().noneMatch(StoredEvent::rejected), "nothing refused");
        return stored;
    }

    /** Each event stored no earlier than the one before it in seq: applied in the order the node recorded them. */
    private static void assertStoredInSeqOrder(List<StoredEvent> stored) {
        for (int i = 1; i < stored.size(); i++) {
            assertTrue(stored.get(i).receivedMs() >= stored.get(i - 1).receivedMs(), "stored in seq order at " + i);
        }
    }

    private long storedUpTo(Node node) throws Exception {
        List<StoredEvent> stored = TestLocation.storedEvents(hubData(), node.session());
        return stored.isEmpty() ? 0 : stored.get(stored.size() - 1).seq();
    }

    private static NodeState nodeState(Hub hub) {
        return hub.inProcess().projection().node(TestLocation.NODE).orElseThrow();
    }

    private static double duplicates(Hub hub) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.metricsPort() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher line = DUPLICATES.matcher(response.body());
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static MqttAsyncClient client(String url, String id, OptionsTweak tweak) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, "test-" + id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        if (tweak != null) {
            tweak.apply(options);
        }
        client.connect(options).waitForCompletion(5_000);
        return client;
    }

    /** Sets options of a test client's connection. */
    @FunctionalInterface
    private interface OptionsTweak {
        void apply(MqttConnectOptions options);
    }

    /** What a test client does with a message. */
    @FunctionalInterface
    private interface OnMessage {
        void accept(String topic, MqttMessage message);
    }

    /** A Paho callback that only hands messages on. */
    private record Listener(OnMessage onMessage) implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            // The test sees what it needs through the hub.
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            onMessage.accept(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Nothing published here waits for completion.
        }
    }
}
