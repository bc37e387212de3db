package nl.opvang.hub.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.testkit.HubProcess;
import nl.opvang.testing.MutableClock;
import nl.opvang.protocol.Kind;
import nl.opvang.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 3, as an operator does it (docs/PRODUCTION.md §6): a hub process on Mosquitto with two real nodes,
 * {@code backup} with the ops CLI while it runs, more events, the hub stopped, {@code restore} with the ops CLI, the hub
 * started. Node {@code test-1} still holds every acked event in its journal: the hub gets back what the backup lacks,
 * each stored exactly once. Node {@code test-2} has pruned its journal (its period passed): it answers the resend with a
 * fresh birth declaring the seqs lost, and the hub records that gap. Within a minute the location is live with both
 * nodes' real counts and nothing waits for anything.
 */
class RestoreIT {
    /** The test location with a second node (the demo simulates the node of every other location, so not those). */
    private static final String REGION = TestLocation.REGION + """
                      - code: test-2
                        beds:
                          - {kind: regular, codes: [O1-O6]}
            """;
    private static final int BEFORE_BACKUP = 6;
    private static final int AFTER_BACKUP = 24;

    @TempDir
    Path dir;

    @Test
    void after_backup_more_events_and_restore_the_region_is_live_within_a_minute_and_nothing_a_node_holds_is_lost()
            throws Exception {
        Tools.require("mosquitto");
        Path hubData = dir.resolve("hub-data");
        Path backup = dir.resolve("backups").resolve("hub.db");
        Path region = Files.writeString(dir.resolve("test.yaml"), REGION);
        MutableClock secondClock = new MutableClock(Instant.now());
        List<String> recorded = new ArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.startPersistent()) {
            String[] hubArgs = TestLocation.hubArgs(broker.url(), hubData, region);
            NodeConfig testConfig = TestLocation.nodeConfig(broker.url(), dir.resolve("node-test"));
            NodeConfig secondConfig = secondConfig(broker.url(), dir.resolve("node-second"));
            try {
                run(broker, hubData, backup, hubArgs, testConfig, secondConfig, secondClock, recorded);
            } catch (Throwable failure) {
                System.out.println("RestoreIT: the broker's log:\n" + broker.log());
                throw failure;
            }
        }
    }

    private void run(MosquittoBroker broker, Path hubData, Path backup, String[] hubArgs, NodeConfig testConfig,
                     NodeConfig secondConfig, MutableClock secondClock, List<String> recorded) throws Exception {
        Node test = Node.start(testConfig, Clock.systemUTC());
        Node second = Node.start(secondConfig, secondClock);
        long secondBackedUp;
        long secondLast;
        try (HubProcess hub = HubProcess.start(dir, hubArgs)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> drained(test) && drained(second));
            for (int i = 0; i < BEFORE_BACKUP; i++) {
                recorded.add(TestLocation.shiftEvent(test, i).envelope().id().toString());
            }
            second.checkIn("O1", "5001", "0307");
            secondBackedUp = second.checkIn("O2", "5002", "0307").envelope().seq();
            await().atMost(Duration.ofSeconds(20)).until(() -> drained(test) && drained(second));

            HubProcess.Result backedUp = HubProcess.run(dir, Duration.ofSeconds(60), "backup", "--data",
                    hubData.toString(), "--to", backup.toString());
            assertEquals(0, backedUp.exitCode(), backedUp.output());

            // After the backup: stored and acked, so the nodes have let go of them as "to send".
            for (int i = BEFORE_BACKUP; i < BEFORE_BACKUP + AFTER_BACKUP; i++) {
                recorded.add(TestLocation.shiftEvent(test, i).envelope().id().toString());
            }
            recorded.add(test.checkIn("T1", "6001", "0307").envelope().id().toString());
            second.checkIn("O3", "5003", "0307");
            second.checkIn("O4", "5004", "0307");
            secondLast = second.checkOut("O1", "5001", null).envelope().seq();
            await().atMost(Duration.ofSeconds(20)).until(() -> drained(test) && drained(second));
            hub.stop();
        }
        // Node test-2's journal period passes while the hub is down: its acked events are pruned at its next start.
        second.close();
        secondClock.advance(Duration.ofDays(31));
        Node secondAgain = Node.start(secondConfig, secondClock);

        HubProcess.Result restored = HubProcess.run(dir, Duration.ofSeconds(60), "restore", "--from", backup.toString(),
                "--data", hubData.toString());
        assertEquals(0, restored.exitCode(), restored.output());

        try (HubProcess hub = HubProcess.start(dir, hubArgs)) {
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    matches(hub.httpPort(), test, secondAgain)
                            && drained(test) && drained(secondAgain));
            long liveMs = (System.nanoTime() - started) / 1_000_000;

            // test-1: every event it holds is stored exactly once, the ones the backup lacked included.
            TestLocation.assertStoredExactlyOnce(hubData, test.session(), 0, recorded);
            // test-2: what it pruned is recorded as a gap, and its fresh birth replaced its state.
            List<Long> seqs = storedSeqs(hubData, "test-2", secondAgain.session());
            Set<Long> distinct = new HashSet<>(seqs);
            assertEquals(seqs.size(), distinct.size(), "no seq of test-2 stored twice");
            for (long seq = 1; seq <= secondBackedUp; seq++) {
                assertTrue(distinct.contains(seq), "test-2 seq " + seq + " is in the backup: " + seqs);
            }
            for (long seq = secondBackedUp + 1; seq <= secondLast; seq++) {
                assertTrue(!distinct.contains(seq), "test-2 seq " + seq + " was lost with the pruned journal: " + seqs);
            }
            JsonNode gaps = admin(hub.httpPort(), "/api/v1/admin/lost-events");
            assertEquals(1, gaps.size(), "one gap: " + gaps);
            JsonNode gap = gaps.get(0);
            assertEquals("test-2", gap.get("node").asText());
            assertEquals(secondBackedUp + 1, gap.get("from").asLong());
            assertTrue(gap.get("to").asLong() >= secondLast, "the gap covers every event after the backup: " + gap);
            assertTrue(distinct.contains(gap.get("birthSeq").asLong()), "the fresh birth is stored: " + gap);
            assertEquals(1, audit(hubData, "events.lost"), "and it is in the audit log");
            System.out.println("RestoreIT: region live with the nodes' own counts " + liveMs + " ms after the restored "
                    + "hub started; gap of test-2 recorded: " + gap);
        } finally {
            test.close();
            secondAgain.close();
        }
    }

    private static NodeConfig secondConfig(String brokerUrl, Path data) {
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        for (int bed = 1; bed <= 6; bed++) {
            beds.add(new NodeConfig.BedConfig("O" + bed, Kind.REGULAR));
        }
        return NodeConfig.simulated(TestLocation.SITE, "test-2", brokerUrl, data, beds, List.of());
    }

    private static boolean drained(Node node) {
        return node.hubConnected() && node.pendingCount() == 0;
    }

    /** The location is live at the hub and shows the nodes' own count of occupied regular beds. */
    private static boolean matches(int port, Node... nodes) throws IOException, InterruptedException {
        long occupied = 0;
        for (Node node : nodes) {
            occupied += node.state().beds().stream()
                    .filter(bed -> bed.kind() == Kind.REGULAR && bed.status().wire().equals("occupied")).count();
        }
        return locations(port).get(TestLocation.SITE).get("freshness").asText().equals("live")
                && occupied(port, TestLocation.SITE) == occupied;
    }

    private static int occupied(int port, String site) throws IOException, InterruptedException {
        for (JsonNode kind : locations(port).get(site).get("kinds")) {
            if (kind.get("kind").asText().equals("regular")) {
                return kind.get("occupied").asInt();
            }
        }
        throw new IllegalStateException("no regular places at " + site);
    }

    private static Map<String, JsonNode> locations(int port) throws IOException, InterruptedException {
        Map<String, JsonNode> bySite = new HashMap<>();
        for (JsonNode location : get(port, "ct", "/api/v1/availability").get("locations")) {
            bySite.put(location.get("code").asText(), location);
        }
        return bySite;
    }

    private static JsonNode admin(int port, String path) throws IOException, InterruptedException {
        return get(port, "admin", path);
    }

    private static JsonNode get(int port, String user, String path) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("login as demo " + user + " answered " + login.statusCode() + ": " + login.body());
        }
        String token = json.readTree(login.body()).get("token").asText();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private static List<Long> storedSeqs(Path hubData, String node, String session) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + hubData.resolve("hub.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT seq FROM event WHERE node = '" + node + "' AND session = '"
                     + session + "' ORDER BY seq")) {
            while (rows.next()) {
                seqs.add(rows.getLong(1));
            }
        }
        return seqs;
    }

    private static long audit(Path hubData, String action) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + hubData.resolve("hub.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM audit WHERE action = '" + action + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
