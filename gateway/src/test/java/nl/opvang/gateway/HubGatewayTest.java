package nl.opvang.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.opvang.harness.FreePort;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.harness.MqttSetup;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.HubStatus;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.NodeStatus;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.Topics;
import nl.opvang.testing.Tools;
import nl.opvang.transport.TcpSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway against real brokers: embedded Moquette and a Mosquitto process, with a plain Paho client as the node. */
class HubGatewayTest {
    private final Codec codec = new Codec();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final RecordingSink sink = new RecordingSink();
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    /** Stores nothing but remembers what it was given, and acks up to the highest seq like the hub would. */
    static final class RecordingSink implements IngestSink {
        final List<Inbound> stored = new CopyOnWriteArrayList<>();
        final Map<String, NodeStatus> statuses = new ConcurrentHashMap<>();
        volatile boolean failing;
        volatile CountDownLatch gate;

        @Override
        public boolean knows(String site, String node) {
            return site.equals("test") && node.equals("test-1");
        }

        @Override
        public List<Reply> store(List<Inbound> batch) {
            if (failing) {
                throw new IllegalStateException("disk full");
            }
            CountDownLatch wait = gate;
            if (wait != null) {
                try {
                    wait.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            stored.addAll(batch);
            Inbound last = batch.get(batch.size() - 1);
            return List.of(new Reply.AckReply(last.site(), last.node(),
                    Ack.of(last.message().envelope().session(), last.message().envelope().seq(), List.of())));
        }

        @Override
        public void nodeStatus(String site, String node, NodeStatus status) {
            statuses.put(node, status);
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) {
            closeAfter.get(i).close();
        }
    }

    private HubGateway gateway(String url) {
        HubGateway gateway = HubGateway.start(GatewayConfig.of(url), sink, metrics, Clock.systemUTC());
        closeAfter.add(gateway);
        await().atMost(Duration.ofSeconds(10)).until(gateway::connected);
        return gateway;
    }

    private String embeddedBroker() {
        EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", FreePort.pick(), null);
        closeAfter.add(broker);
        return broker.url();
    }

    private MqttClient client(String url, String id) throws MqttException {
        return client(url, id, null, null);
    }

    /** A connected client that subscribed to {@code filter} first (see {@link MqttSetup}). */
    private MqttClient client(String url, String id, String filter, IMqttMessageListener listener) throws MqttException {
        MqttClient client = new MqttClient(url, id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        MqttSetup.connect(client, options, () -> {
            if (filter != null) {
                client.subscribe(filter, 1, listener);
            }
        });
        closeAfter.add(() -> {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        });
        return client;
    }

    private static NodeMessage event(String session, long seq) {
        return new NodeMessage(new Envelope(1, UUID.randomUUID(), "test", "test-1", session, seq, Instant.now()),
                new Payload.Heartbeat());
    }

    private double rejected(String reason) {
        return metrics.get("opvang_messages_rejected").tag("reason", reason).counter().count();
    }

    @Test
    void a_valid_event_is_stored_and_acked_on_the_nodes_ack_topic() throws Exception {
        String url = embeddedBroker();
        gateway(url);
        List<Ack> acks = new CopyOnWriteArrayList<>();
        MqttClient node = client(url, "node-test-test-1", Topics.node("test", "test-1", Channel.ACK),
                (topic, message) -> acks.add(codec.decodeAck(message.getPayload())));
        String session = UUID.randomUUID().toString();

        node.publish(Topics.node("test", "test-1", Channel.EVENT), codec.encode(event(session, 1)), 1, false);

        await().atMost(Duration.ofSeconds(5)).until(() -> !acks.isEmpty());
        assertEquals(1, acks.get(0).seq());
        assertEquals(session, acks.get(0).session());
        assertEquals(1, sink.stored.size());
    }

    @Test
    void bad_messages_are_counted_by_reason_and_valid_ones_still_get_through() throws Exception {
        String url = embeddedBroker();
        gateway(url);
        MqttClient node = client(url, "node-test-test-1");
        String eventTopic = Topics.node("test", "test-1", Channel.EVENT);
        String session = UUID.randomUUID().toString();

        node.publish(eventTopic, "{not json".getBytes(StandardCharsets.UTF_8), 1, false);
        node.publish(eventTopic, "{\"v\":2}".getBytes(StandardCharsets.UTF_8), 1, false);
        node.publish(eventTopic, new String(codec.encode(event(session, 1)), StandardCharsets.UTF_8)
                .replace("heartbeat", "dance").getBytes(StandardCharsets.UTF_8), 1, false);
        node.publish(eventTopic, new byte[70 * 1024], 1, false);
        node.publish(Topics.node("test", "other-1", Channel.EVENT), codec.encode(event(session, 1)), 1, false);
        node.publish(Topics.node("amg", "amg-1", Channel.EVENT), codec.encode(new NodeMessage(new Envelope(1, UUID.randomUUID(),
                "amg", "amg-1", session, 1, Instant.now()), new Payload.Heartbeat())), 1, false);
        node.publish("opvang/v1/TEST/test-1/event", codec.encode(event(session, 1)), 1, false);
        node.publish(Topics.node("test", "test-1", Channel.BIRTH), codec.encode(event(session, 1)), 1, false);
        node.publish(eventTopic, codec.encode(event(session, 1)), 1, false);

        await().atMost(Duration.ofSeconds(5)).until(() -> sink.stored.size() == 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> rejected("topic_mismatch") == 2);
        assertEquals(1, rejected("bad_json"));
        assertEquals(1, rejected("unknown_version"));
        assertEquals(1, rejected("unknown_type"));
        assertEquals(1, rejected("too_large"));
        assertEquals(1, rejected("unknown_node"));
        assertEquals(1, rejected("bad_topic"));
        assertEquals(3, sink.stored.size(), "the valid event, and the two whose envelope reads (to be refused by seq)");
        assertEquals(List.of("heartbeat", "invalid", "invalid"), sink.stored.stream().map(in -> in.message().type()).sorted()
                .toList());
        assertTrue(sink.stored.stream().map(in -> in.message().payload()).noneMatch(
                payload -> payload instanceof Payload.Invalid invalid && invalid.birth()),
                "a heartbeat on the birth topic is no birth: it cannot start a session");
    }

    @Test
    void an_event_whose_envelope_reads_but_whose_fields_break_the_contract_reaches_the_store_as_invalid() throws Exception {
        String url = embeddedBroker();
        gateway(url);
        MqttClient node = client(url, "node-test-test-1");
        String session = UUID.randomUUID().toString();
        byte[] shortToken = codec.encode(new NodeMessage(new Envelope(1, UUID.randomUUID(), "test", "test-1", session, 2,
                Instant.now()), new Payload.CheckIn("T1", null, "k1:abcdefgh", null, null)));
        byte[] invalid = new String(shortToken, StandardCharsets.UTF_8).replace("k1:abcdefgh", "k1:abc")
                .getBytes(StandardCharsets.UTF_8);

        node.publish(Topics.node("test", "test-1", Channel.EVENT), invalid, 1, false);
        node.publish(Topics.node("test", "test-1", Channel.EVENT), codec.encode(event(session, 3)), 1, false);

        await().atMost(Duration.ofSeconds(5)).until(() -> sink.stored.size() == 2);
        Inbound refused = sink.stored.get(0);
        assertEquals(2, refused.message().envelope().seq());
        Payload.Invalid payload = (Payload.Invalid) refused.message().payload();
        assertTrue(payload.problem().contains("'token'"), payload.problem());
        assertEquals(1, rejected("bad_field"), "still counted as refused input");
        assertEquals(3, sink.stored.get(1).message().envelope().seq());
    }

    @Test
    void while_the_store_waits_the_queue_holds_no_more_than_its_byte_budget_and_all_is_counted_afterwards() throws Exception {
        Tools.require("mosquitto");
        // No in-flight limit at the broker: only the gateway's own budget stands between a flood and the heap.
        MosquittoBroker broker = MosquittoBroker.start("max_inflight_messages 0");
        closeAfter.add(broker);
        gateway(broker.url());
        MqttClient node = client(broker.url(), "node-test-test-1");
        node.disconnect();
        MqttConnectOptions noDelay = new MqttConnectOptions();
        // Without it each 60 KiB publish ends waiting for a delayed ACK (40 ms): docs/PERFORMANCE.md.
        noDelay.setSocketFactory(new TcpSocketFactory());
        // Paho may count a publish as in flight a moment after its blocking publish returned (paho.mqtt.java#551): with
        // the default window of 10 a busy machine then refuses the next one with 32202.
        noDelay.setMaxInflight(1000);
        node.connect(noDelay);
        CountDownLatch gate = new CountDownLatch(1);
        sink.gate = gate;
        node.publish(Topics.node("test", "test-1", Channel.EVENT), codec.encode(event(UUID.randomUUID().toString(), 1)), 1,
                false);
        byte[] large = new byte[60 * 1024];
        java.util.Arrays.fill(large, (byte) 'x');
        large[0] = '{';
        int count = 600; // 36 MB, twice the budget
        AtomicLong highest = new AtomicLong();
        for (int i = 0; i < count; i++) {
            node.publish(Topics.node("test", "test-1", Channel.EVENT), large, 1, false);
            highest.accumulateAndGet((long) queuedBytes(), Math::max);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            highest.accumulateAndGet((long) queuedBytes(), Math::max);
            return queuedBytes() > HubGateway.MAX_QUEUED_BYTES - 64 * 1024;
        });
        assertTrue(highest.get() <= HubGateway.MAX_QUEUED_BYTES, "queued " + highest.get() + " bytes");

        gate.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> rejected("bad_json") == count);
        assertEquals(1, sink.stored.size());
        await().atMost(Duration.ofSeconds(5)).until(() -> queuedBytes() == 0);
    }

    private double queuedBytes() {
        return metrics.get("opvang_ingest_queue_bytes").gauge().value();
    }

    @Test
    void the_hub_status_is_retained_online_and_turns_offline_when_the_hub_stops() throws Exception {
        String url = embeddedBroker();
        HubGateway gateway = gateway(url);
        List<HubStatus> seen = new CopyOnWriteArrayList<>();
        MqttClient observer = client(url, "observer", Topics.HUB_STATUS,
                (topic, message) -> seen.add(codec.decodeHubStatus(message.getPayload())));
        await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
        assertTrue(seen.get(0).online());

        gateway.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !seen.get(seen.size() - 1).online());
    }

    @Test
    void a_store_failure_acks_nothing_shows_for_five_seconds_and_the_gateway_keeps_serving() throws Exception {
        String url = embeddedBroker();
        HubGateway gateway = gateway(url);
        assertTrue(gateway.storing());
        List<Ack> acks = new CopyOnWriteArrayList<>();
        MqttClient node = client(url, "node-test-test-1", Topics.node("test", "test-1", Channel.ACK),
                (topic, message) -> acks.add(codec.decodeAck(message.getPayload())));
        String session = UUID.randomUUID().toString();
        sink.failing = true;

        node.publish(Topics.node("test", "test-1", Channel.EVENT), codec.encode(event(session, 1)), 1, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.get("opvang_store_failures").counter().count() == 1);
        long failedAt = System.nanoTime();
        assertTrue(acks.isEmpty());
        assertFalse(gateway.storing());

        sink.failing = false;
        node.publish(Topics.node("test", "test-1", Channel.EVENT), codec.encode(event(session, 1)), 1, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> acks.size() == 1);
        // One success does not hide the failure (a nearly full disk fails and succeeds in turn) ...
        if (System.nanoTime() - failedAt < TimeUnit.SECONDS.toNanos(4)) {
            assertFalse(gateway.storing(), "a store failed less than 5 s ago");
        }
        // ... but the hub reports healthy again on its own once stores keep succeeding.
        await().atMost(Duration.ofSeconds(8)).until(gateway::storing);
    }

    @Test
    void node_status_reaches_the_sink_including_the_last_will() throws Exception {
        String url = embeddedBroker();
        gateway(url);
        MqttClient node = client(url, "node-test-test-1");
        String session = UUID.randomUUID().toString();

        node.publish(Topics.node("test", "test-1", Channel.STATUS), codec.encode(NodeStatus.online(session, 3)), 1, true);

        await().atMost(Duration.ofSeconds(5)).until(() -> sink.statuses.containsKey("test-1"));
        assertTrue(sink.statuses.get("test-1").online());
        assertEquals(3, sink.statuses.get("test-1").connection());
    }

    @Test
    void on_mosquitto_the_gateway_reconnects_after_a_broker_restart_and_acks_again() throws Exception {
        Tools.require("mosquitto");
        MosquittoBroker broker = MosquittoBroker.start();
        closeAfter.add(broker);
        HubGateway gateway = gateway(broker.url());
        String session = UUID.randomUUID().toString();

        broker.restart();
        await().atMost(Duration.ofSeconds(20)).until(gateway::connected);
        List<Ack> acks = new CopyOnWriteArrayList<>();
        MqttClient node = client(broker.url(), "node-test-test-1", Topics.node("test", "test-1", Channel.ACK),
                (topic, message) -> acks.add(codec.decodeAck(message.getPayload())));
        node.publish(Topics.node("test", "test-1", Channel.EVENT), codec.encode(event(session, 1)), 1, false);

        await().atMost(Duration.ofSeconds(5)).until(() -> acks.size() == 1);
        assertFalse(sink.stored.isEmpty());
    }
}
