package nl.opvang.hub.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.device.node.LinkSettings;
import nl.opvang.device.node.Node;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.node.TestLocation.StoredEvent;
import nl.opvang.hub.testkit.HubProcess;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.Reason;
import nl.opvang.protocol.Topics;
import nl.opvang.testing.Tools;
import nl.opvang.transport.TcpSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/DESIGN.md §9, "a flood of malformed or oversized messages" (FAULTS S12–S14 at volume): 100,000 bad messages (bad
 * JSON, wrong field types, missing fields, unknown versions and types, 70 KiB bodies, wrong and unknown topics) go
 * through a Mosquitto process into the hub, run as its own process with a 64 MiB heap, while a real node records 2,000
 * check-ins and check-outs; the last 2,000 are 60 KiB each and arrive while the hub's database is locked. Every valid
 * event is stored exactly once and acked, every bad message is counted by its reason in {@code /metrics}, and the hub's
 * memory stays bounded.
 */
class FloodIT {
    private static final int BAD = 100_000;
    private static final int VALID = 2_000;
    /** Bad messages of 60 KiB (under the size limit) sent while the hub's writer waits for a lock on its database. */
    private static final int WHILE_LOCKED = 2_000;
    /** The hub's heap; an unbounded queue of 70 KiB bodies would not fit (5,000 of them are 350 MB). */
    private static final String HEAP = "-Xmx64m";
    /** Peak resident set of the hub process: heap 64 MiB plus metaspace, code, threads and SQLite. */
    private static final long MAX_RSS_KIB = 256 * 1024;
    private static final Pattern REJECTED = Pattern.compile(
            "^opvang_messages_rejected_total\\{reason=\"([a-z_]+)\",?\\} ([0-9.E]+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    private final Codec codec = new Codec();

    @Test
    void a_hundred_thousand_bad_messages_are_counted_by_reason_and_every_valid_event_is_stored_once() throws Exception {
        Tools.require("mosquitto");
        Path hubData = dir.resolve("hub-data");
        Path region = TestLocation.writeRegion(dir);
        // The test broker lets 70 KiB through (production's stops them at 64 KiB): the hub must hold on its own.
        try (MosquittoBroker broker = MosquittoBroker.start("message_size_limit 0");
             HubProcess hub = HubProcess.start(dir, List.of(HEAP), TestLocation.hubArgs(broker.url(), hubData, region));
             Node node = Node.start(TestLocation.nodeConfig(broker.url(), dir.resolve("node")), Clock.systemUTC(),
                     LinkSettings.defaults().withAckTimeout(Duration.ofSeconds(3)))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> node.hubConnected() && node.pendingCount() == 0);
            long rssAtStart = hub.procStatusKib("VmRSS");

            Thread shift = new Thread(() -> {
                for (int i = 0; i < VALID; i++) {
                    TestLocation.shiftEvent(node, i);
                }
            }, "night-shift");
            long started = System.nanoTime();
            shift.start();
            Map<Reason, Long> sent = flood(broker.url(), BAD - WHILE_LOCKED, false);
            shift.join(120_000);
            // A slow disk, or a backup holding the write lock: the hub's ingest worker waits on its database while
            // 120 MB of messages arrive. What waits in the hub is bounded by the broker's in-flight window (Paho acks
            // after the callback) and by the gateway's own byte budget (16 MiB), whichever is smaller.
            try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + hubData.resolve("hub.db"));
                 Statement statement = lock.createStatement()) {
                statement.execute("BEGIN EXCLUSIVE");
                node.checkIn("T1", "9999", null);
                flood(broker.url(), WHILE_LOCKED, true).forEach((reason, count) -> sent.merge(reason, count, Long::sum));
                statement.execute("COMMIT");
            }
            Duration flooded = Duration.ofNanos(System.nanoTime() - started);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> rejected(hub.metricsPort()).values().stream().mapToLong(Long::longValue).sum() >= BAD);
            await().atMost(Duration.ofSeconds(60)).until(() -> node.pendingCount() == 0);
            Duration drained = Duration.ofNanos(System.nanoTime() - started);

            Map<Reason, Long> counted = rejected(hub.metricsPort());
            for (Map.Entry<Reason, Long> kind : sent.entrySet()) {
                assertEquals(kind.getValue(), counted.getOrDefault(kind.getKey(), 0L),
                        "opvang_messages_rejected_total{reason=\"" + kind.getKey().label() + "\"}");
            }
            assertEquals(BAD, counted.values().stream().mapToLong(Long::longValue).sum(), "every bad message counted once");

            List<StoredEvent> stored = TestLocation.storedEvents(hubData, node.session());
            long max = stored.get(stored.size() - 1).seq();
            assertEquals(1, stored.get(0).seq(), "the birth is seq 1");
            assertEquals(max, stored.size(), "COUNT = MAX seq: no gap, none doubled");
            Set<String> ids = new HashSet<>();
            stored.forEach(event -> ids.add(event.id()));
            assertEquals(stored.size(), ids.size(), "no event id stored twice");
            assertTrue(stored.stream().noneMatch(StoredEvent::rejected), "nothing valid refused");
            assertEquals(VALID + 1, stored.stream().filter(e -> e.type().equals("check_in") || e.type().equals("check_out"))
                    .count(), "each of the 2,000 check-ins and -outs, and the one made during the lock, stored once");
            assertEquals(0, node.pendingCount(), "the node saw every event acked");

            assertTrue(hub.alive(), "the hub survived the flood");
            assertFalse(hub.log().contains("OutOfMemoryError"), hub.log());
            long peakRss = hub.procStatusKib("VmHWM");
            assertTrue(peakRss < MAX_RSS_KIB, "peak RSS " + peakRss + " KiB stays under " + MAX_RSS_KIB + " KiB");
            await().atMost(Duration.ofSeconds(10)).until(() -> TestLocation.availability(hub.httpPort())
                    .get("freshness").asText().equals("live"));
            System.out.println("FloodIT: " + BAD + " bad + " + VALID + " valid in " + flooded.toMillis() + " ms, all counted "
                    + "and acked after " + drained.toMillis() + " ms; hub RSS " + rssAtStart / 1024 + " MiB at start, peak "
                    + peakRss / 1024 + " MiB (" + HEAP + "); rejected " + counted);
        }
    }

    /**
     * Publishes {@code count} bad messages at QoS 1 with up to 500 in flight, of all kinds, or only 60 KiB bodies of bad
     * JSON when {@code large}; returns how many of each reason were sent.
     */
    private Map<Reason, Long> flood(String brokerUrl, int count, boolean large) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "flooder", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(1000);
        options.setSocketFactory(new TcpSocketFactory());
        client.connect(options).waitForCompletion(10_000);
        String event = Topics.node(TestLocation.SITE, TestLocation.NODE, Channel.EVENT);
        String session = UUID.randomUUID().toString();
        String valid = new String(codec.encode(new NodeMessage(new Envelope(Envelope.VERSION, UUID.randomUUID(),
                TestLocation.SITE, TestLocation.NODE, session, 7, Instant.now()), new Payload.Heartbeat())),
                StandardCharsets.UTF_8);
        requireContains(valid, "\"seq\":7", "\"type\":\"heartbeat\"", "\"v\":1", "\"id\":\"");
        byte[] oversized = new byte[70 * 1024];
        java.util.Arrays.fill(oversized, (byte) 'x');
        byte[] largeBadJson = new byte[60 * 1024];
        java.util.Arrays.fill(largeBadJson, (byte) 'x');
        largeBadJson[0] = '{';
        Map<Reason, Long> sent = new EnumMap<>(Reason.class);
        ArrayDeque<IMqttDeliveryToken> inFlight = new ArrayDeque<>();
        AtomicLong counter = new AtomicLong();
        try {
            for (int i = 0; i < count; i++) {
                String topic = event;
                byte[] payload;
                Reason reason;
                switch (large ? 0 : i % 20) {
                    case 0, 1, 2 -> {
                        reason = Reason.BAD_JSON;
                        payload = large ? largeBadJson : ("{not json " + i).getBytes(StandardCharsets.UTF_8);
                    }
                    case 3, 4 -> {
                        reason = Reason.UNKNOWN_VERSION;
                        payload = valid.replace("\"v\":1", "\"v\":" + (2 + i % 7)).getBytes(StandardCharsets.UTF_8);
                    }
                    case 5, 6 -> {
                        reason = Reason.UNKNOWN_TYPE;
                        payload = valid.replace("\"type\":\"heartbeat\"", "\"type\":\"dance\"").getBytes(StandardCharsets.UTF_8);
                    }
                    case 7, 8 -> {
                        reason = Reason.BAD_FIELD;
                        payload = valid.replace("\"seq\":7", "\"seq\":\"seven\"").getBytes(StandardCharsets.UTF_8);
                    }
                    case 9, 10 -> {
                        reason = Reason.MISSING_FIELD;
                        payload = valid.replaceFirst("\"id\":\"[^\"]*\",", "").getBytes(StandardCharsets.UTF_8);
                    }
                    case 11 -> {
                        reason = Reason.TOO_LARGE;
                        payload = oversized;
                    }
                    case 12, 13 -> {
                        reason = Reason.TOPIC_MISMATCH;
                        topic = Topics.node(TestLocation.SITE, TestLocation.NODE, Channel.BIRTH);
                        payload = valid.getBytes(StandardCharsets.UTF_8);
                    }
                    case 14, 15, 16 -> {
                        reason = Reason.UNKNOWN_NODE;
                        topic = Topics.node("elders", "elders-" + (i % 50), Channel.EVENT);
                        payload = valid.replace("\"site\":\"test\"", "\"site\":\"elders\"")
                                .replace("\"node\":\"test-1\"", "\"node\":\"elders-" + (i % 50) + "\"")
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    default -> {
                        reason = Reason.BAD_TOPIC;
                        topic = "opvang/v1/TEST/test-1/event";
                        payload = valid.getBytes(StandardCharsets.UTF_8);
                    }
                }
                sent.merge(reason, 1L, Long::sum);
                inFlight.add(publish(client, inFlight, topic, payload));
                counter.incrementAndGet();
                if (inFlight.size() >= 500) {
                    inFlight.poll().waitForCompletion(30_000);
                }
            }
            while (!inFlight.isEmpty()) {
                inFlight.poll().waitForCompletion(30_000);
            }
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
        assertEquals(count, counter.get());
        return sent;
    }

    /** Paho's "too many publishes in progress" (FAULTS R19) is back-pressure: wait for the oldest and try again. */
    private static IMqttDeliveryToken publish(MqttAsyncClient client, ArrayDeque<IMqttDeliveryToken> inFlight, String topic,
                                              byte[] payload) throws MqttException {
        for (int attempt = 0; ; attempt++) {
            try {
                return client.publish(topic, payload, 1, false);
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || attempt >= 1000) {
                    throw e;
                }
                IMqttDeliveryToken oldest = inFlight.poll();
                if (oldest != null) {
                    oldest.waitForCompletion(30_000);
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    }

    private static void requireContains(String json, String... parts) {
        for (String part : parts) {
            if (!json.contains(part)) {
                throw new IllegalStateException("the encoded event has no " + part + ": " + json);
            }
        }
    }

    /** {@code opvang_messages_rejected_total} by reason, from the hub's {@code GET /metrics}. */
    private static Map<Reason, Long> rejected(int metricsPort) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        Map<Reason, Long> counts = new EnumMap<>(Reason.class);
        Matcher line = REJECTED.matcher(response.body());
        while (line.find()) {
            counts.put(Reason.valueOf(line.group(1).toUpperCase(java.util.Locale.ROOT)), (long) Double.parseDouble(line.group(2)));
        }
        return counts;
    }
}
