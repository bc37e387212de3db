package nl.opvang.hub.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.device.node.LinkSettings;
import nl.opvang.device.node.Node;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.node.TestLocation.StoredEvent;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Topics;
import nl.opvang.testing.SmallDisk;
import nl.opvang.testing.Tools;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/DESIGN.md §9 "a full disk" at the hub (FAULTS R11), for real: the hub's data folder is on an 8 MiB tmpfs that
 * the test fills while a real node keeps recording. The hub acks nothing it did not store, counts the failures in
 * {@code opvang_store_failures_total}, shows them on {@code /health}, and once space is back stores the node's
 * resends and acks again, on its own. Needs root or passwordless sudo for {@code mount}; skipped otherwise.
 */
class FullDiskTest {
    private static final Pattern FAILURES = Pattern.compile("^opvang_store_failures_total (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void a_full_disk_acks_nothing_unstored_shows_on_health_and_metrics_and_the_resends_are_stored_when_space_returns()
            throws Exception {
        Tools.require("mosquitto");
        Optional<SmallDisk> mounted = SmallDisk.mount(dir.resolve("disk"), 8 * 1024);
        Tools.require(mounted.isPresent(), "mounting a tmpfs needs root or passwordless sudo");
        Codec codec = new Codec();
        try (SmallDisk disk = mounted.get();
             MosquittoBroker broker = MosquittoBroker.start()) {
            Path hubData = disk.path().resolve("hub-data");
            AtomicLong highestAck = new AtomicLong();
            MqttClient observer = new MqttClient(broker.url(), "ack-observer", new MemoryPersistence());
            observer.connect(new MqttConnectOptions());
            observer.subscribe(Topics.node(TestLocation.SITE, TestLocation.NODE, Channel.ACK), 1, (topic, message) -> {
                Ack ack = codec.decodeAck(message.getPayload());
                highestAck.accumulateAndGet(ack.seq(), Math::max);
            });
            try (Hub hub = Hub.start(HubConfig.builder().loopbackAnyPorts().mqttUrl(broker.url()).data(hubData)
                    .region(TestLocation.writeRegion(dir)).build(), Clock.systemUTC());
                 Node node = Node.start(TestLocation.nodeConfig(broker.url(), dir.resolve("node")), Clock.systemUTC(),
                         LinkSettings.defaults().withAckTimeout(Duration.ofSeconds(2)))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> node.hubConnected() && node.pendingCount() == 0);
                record(node, 0, 100);
                await().atMost(Duration.ofSeconds(20)).until(() -> node.pendingCount() == 0);
                assertEquals(200, health(hub).statusCode());

                long filled = disk.fill();
                // /health shows a failed store for 5 s after it happens; it is watched from now on, so that window
                // cannot be missed however slowly this loop runs on a busy machine.
                AtomicReference<String> degraded = new AtomicReference<>();
                Thread watch = new Thread(() -> watchHealth(hub, degraded), "health-watch");
                watch.setDaemon(true);
                watch.start();
                int recorded = 100;
                // Keep the shift going until the hub runs out of space (the WAL may take a little more first).
                while (failures(hub) == 0 && recorded < 5_000) {
                    record(node, recorded, 100);
                    recorded += 100;
                    await().atMost(Duration.ofSeconds(10)).until(() -> failures(hub) > 0 || node.pendingCount() == 0);
                }
                assertTrue(failures(hub) > 0, "the hub could not store on a full disk (" + filled + " bytes filled)");
                // While full: /health said so, and nothing is acked that is not stored.
                await().atMost(Duration.ofSeconds(10)).until(() -> degraded.get() != null);
                watch.interrupt();
                assertTrue(degraded.get().contains("cannot store"), degraded.get());
                long storedWhileFull = maxStoredSeq(hubData, node.session());
                assertTrue(highestAck.get() <= storedWhileFull, "acked " + highestAck.get() + " > stored " + storedWhileFull);

                disk.free();
                long freed = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).until(() -> node.pendingCount() == 0);
                Duration recovered = Duration.ofNanos(System.nanoTime() - freed);
                await().atMost(Duration.ofSeconds(10)).until(() -> health(hub).statusCode() == 200);

                List<StoredEvent> stored = TestLocation.storedEvents(hubData, node.session());
                long max = stored.get(stored.size() - 1).seq();
                assertEquals(max, stored.size(), "COUNT = MAX seq: no gap, none doubled");
                Set<String> ids = new HashSet<>();
                stored.forEach(event -> ids.add(event.id()));
                assertEquals(stored.size(), ids.size(), "no event id stored twice");
                assertTrue(highestAck.get() <= max);
                int expected = recorded;
                assertEquals(expected, stored.stream().filter(e -> e.type().equals("check_in") || e.type().equals("check_out"))
                        .count(), "every check-in and -out stored once");
                assertEquals("ok", integrityCheck(hubData));
                System.out.println("FullDiskTest: " + recorded + " events, " + (long) failures(hub) + " failed stores while "
                        + "full; all stored and acked " + recovered.toMillis() + " ms after space returned");
            } finally {
                observer.disconnect();
                observer.close();
            }
        }
    }

    /** Polls /health every 20 ms until it answers 503, and keeps that answer's body. */
    private static void watchHealth(Hub hub, AtomicReference<String> degraded) {
        while (degraded.get() == null && !Thread.currentThread().isInterrupted()) {
            try {
                HttpResponse<String> response = health(hub);
                if (response.statusCode() == 503) {
                    degraded.set(response.body());
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // The hub is busy or restarting its store: look again.
            }
        }
    }

    private static void record(Node node, int from, int count) {
        for (int i = from; i < from + count; i++) {
            TestLocation.shiftEvent(node, i);
        }
    }

    private static HttpResponse<String> health(Hub hub) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort()
                + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double failures(Hub hub) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + hub.metricsPort() + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher line = FAILURES.matcher(metrics.body());
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static long maxStoredSeq(Path hubData, String session) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + hubData.resolve("hub.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM event WHERE session = '" + session
                     + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String integrityCheck(Path hubData) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + hubData.resolve("hub.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
