package nl.opvang.hub.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.device.node.Node;
import nl.opvang.device.node.NodeStore;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.node.TestLocation.StoredEvent;
import nl.opvang.hub.testkit.HubProcess;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.protocol.Topics;
import nl.opvang.testing.Tools;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/DESIGN.md §9, "node killed during a check-in": a device process ({@link CheckInLoop}) checks guests in and out
 * and is killed with {@code kill -9} in the middle, again and again, and restarted on the same data folder each time.
 * The oracle: every check-in it confirmed is stored exactly once at the hub; nothing is stored twice; what it did not
 * confirm is stored once or not at all, never half (a bed's events alternate in and out, and the node's state and the
 * hub's figures agree).
 */
class DeviceKillIT {
    private static final int KILLS = 15;
    private static final Pattern LINE = Pattern.compile("^(CONFIRMED|CHECKED_OUT) (T[1-5]) (\\d+) ([0-9a-f-]{36})$",
            Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void every_confirmed_check_in_is_stored_exactly_once_across_fifteen_kill_9s_of_the_device() throws Exception {
        Tools.require("mosquitto");
        Path hubData = dir.resolve("hub-data");
        Path nodeData = dir.resolve("node");
        Path output = dir.resolve("device.log");
        Files.writeString(output, "");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = HubProcess.start(dir, TestLocation.hubArgs(broker.url(), hubData, TestLocation.writeRegion(dir)))) {
            AtomicLong highestAck = new AtomicLong();
            MqttClient observer = new MqttClient(broker.url(), "ack-observer", new MemoryPersistence());
            observer.connect(new MqttConnectOptions());
            observer.subscribe(Topics.node(TestLocation.SITE, TestLocation.NODE, Channel.ACK), 1,
                    (topic, message) -> highestAck.accumulateAndGet(new Codec().decodeAck(message.getPayload()).seq(), Math::max));
            for (int kill = 1; kill <= KILLS; kill++) {
                int linesBefore = records(output).size();
                long ackBefore = highestAck.get();
                Process device = startDevice(broker.url(), nodeData, output);
                // Kill only once it checks guests in and out and the hub acks, so that commits, publishes and acks
                // are all in flight; then at a random moment.
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> records(output).size() > linesBefore && highestAck.get() > ackBefore);
                await().pollDelay(Duration.ofMillis(random.nextInt(150))).until(() -> true);
                device.destroyForcibly();
                assertTrue(device.waitFor(10, TimeUnit.SECONDS), "the device process died");
            }
            observer.disconnect();
            observer.close();

            Map<Long, String> outboxAfterKills = outbox(nodeData);
            long nextSeqAfterKills = nextSeq(nodeData);
            Map<Long, Record> printed = records(output);
            Map<Long, Record> confirmed = new LinkedHashMap<>();
            printed.forEach((seq, record) -> {
                if (record.what().equals("CONFIRMED")) {
                    confirmed.put(seq, record);
                }
            });
            assertTrue(confirmed.size() > KILLS, "check-ins were confirmed in the runs: " + confirmed.size());

            // The last run drains: the node on the same folder, in this process, until the hub acked everything.
            try (Node node = Node.start(TestLocation.nodeConfig(broker.url(), nodeData), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> node.pendingCount() == 0);
                List<StoredEvent> stored = TestLocation.storedEvents(hubData, node.session());
                Map<Long, StoredEvent> bySeq = new HashMap<>();
                Set<String> ids = new HashSet<>();
                for (StoredEvent event : stored) {
                    bySeq.put(event.seq(), event);
                    ids.add(event.id());
                    assertFalse(event.rejected(), "nothing refused: " + event);
                }
                long max = stored.get(stored.size() - 1).seq();
                assertEquals(max, stored.size(), "seq 1.." + max + " stored, no gap");
                assertEquals(stored.size(), bySeq.size(), "no seq stored twice");
                assertEquals(stored.size(), ids.size(), "no event id stored twice");
                assertTrue(max >= nextSeqAfterKills - 1, "everything the killed runs committed was sent");

                for (Record record : confirmed.values()) {
                    StoredEvent event = bySeq.get(record.seq());
                    assertNotNull(event, "confirmed check-in seq " + record.seq() + " is stored");
                    assertEquals(record.id(), event.id(), "seq " + record.seq() + " is the confirmed check-in");
                    assertEquals("check_in", event.type());
                    assertEquals(record.bed(), event.bed());
                }
                outboxAfterKills.forEach((seq, id) -> assertEquals(id, bySeq.get(seq).id(),
                        "outbox row seq " + seq + " left by a killed run is stored as itself"));

                Map<String, String> lastByBed = alternateInAndOut(stored);
                for (int bed = 1; bed <= 5; bed++) {
                    String code = "T" + bed;
                    boolean hubSaysOccupied = "check_in".equals(lastByBed.get(code));
                    assertEquals(hubSaysOccupied, node.state().bed(code).orElseThrow().status() == PlaceStatus.OCCUPIED,
                            "bed " + code + ": the node's state and the stored events agree");
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> TestLocation.availability(hub.httpPort())
                        .get("freshness").asText().equals("live"));
                assertEquals(occupied(node, Kind.REGULAR), TestLocation.hubOccupied(hub.httpPort(), Kind.REGULAR));
                assertEquals(occupied(node, Kind.CRISIS), TestLocation.hubOccupied(hub.httpPort(), Kind.CRISIS));

                long unconfirmed = stored.stream().filter(event -> event.type().startsWith("check_")
                        && !printed.containsKey(event.seq())).count();
                System.out.println("DeviceKillIT (seed " + seed + "): " + KILLS + " kills, " + confirmed.size()
                        + " confirmed check-ins, " + stored.size() + " events stored, " + unconfirmed
                        + " committed but killed before printing (stored once), " + outboxAfterKills.size()
                        + " left in the outbox by the last kill");
            }
        }
    }

    /**
     * Each bed's stored events go in, out, in, out: a check-in committed locally without its event (or the other way
     * round) would show here as two of a kind in a row. Returns each bed's last event type.
     */
    private static Map<String, String> alternateInAndOut(List<StoredEvent> stored) {
        Map<String, String> last = new HashMap<>();
        for (StoredEvent event : stored) {
            if (!event.type().startsWith("check_")) {
                continue;
            }
            String before = last.getOrDefault(event.bed(), "check_out");
            assertFalse(before.equals(event.type()), "bed " + event.bed() + " has two " + event.type() + " in a row at seq "
                    + event.seq());
            last.put(event.bed(), event.type());
        }
        return last;
    }

    private static long occupied(Node node, Kind kind) {
        return node.state().beds().stream().filter(bed -> bed.kind() == kind && bed.status() == PlaceStatus.OCCUPIED).count();
    }

    private static Process startDevice(String brokerUrl, Path nodeData, Path output) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Start-up flags only: the runs are short, and 20 JVM starts dominate the test's time.
        return new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", classPath, CheckInLoop.class.getName(), brokerUrl, nodeData.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
    }

    /** The complete CONFIRMED and CHECKED_OUT lines printed so far, by seq. */
    private static Map<Long, Record> records(Path output) throws IOException {
        Map<Long, Record> records = new LinkedHashMap<>();
        Matcher line = LINE.matcher(Files.readString(output, StandardCharsets.UTF_8));
        while (line.find()) {
            Record record = new Record(line.group(1), line.group(2), Long.parseLong(line.group(3)), line.group(4));
            Record earlier = records.put(record.seq(), record);
            assertTrue(earlier == null || earlier.equals(record), "one seq was printed for two events: " + earlier + ", " + record);
        }
        return records;
    }

    /** The node's outbox as the last kill left it: seq → event id. */
    private static Map<Long, String> outbox(Path nodeData) throws SQLException {
        Map<Long, String> rows = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + nodeData.resolve(NodeStore.FILE_NAME));
             Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery("SELECT seq, id FROM outbox ORDER BY seq")) {
            while (result.next()) {
                rows.put(result.getLong(1), result.getString(2));
            }
        }
        return rows;
    }

    private static long nextSeq(Path nodeData) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + nodeData.resolve(NodeStore.FILE_NAME));
             Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery("SELECT next_seq FROM meta")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** One line the device printed after a local commit. */
    private record Record(String what, String bed, long seq, String id) {
    }
}
