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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import nl.opvang.device.node.LinkSettings;
import nl.opvang.device.node.Node;
import nl.opvang.device.node.Rejection;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refused events end to end (docs/DESIGN.md §3), with real nodes (the device's code), a Mosquitto process and the hub:
 * every refused event is named in the ack, so no node deletes as stored an event that was not stored; a refused event
 * never blocks the events after it; the node keeps it for its staff and support, the hub keeps it whole for admins.
 */
class RefusedEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final LinkSettings FAST = new LinkSettings(Duration.ofSeconds(2), 100, Duration.ofSeconds(10),
            Duration.ofSeconds(1));
    /** Nothing listens on port 1: a node configured with it records offline. */
    private static final String NO_BROKER = "tcp://127.0.0.1:1";

    @TempDir
    Path dir;

    @BeforeEach
    void mosquitto() {
        Tools.require("mosquitto");
    }

    private Hub hub(String brokerUrl) throws IOException {
        // Demo for its demo accounts (admin/demo); the region holds only the test location, so no simulated nodes run.
        return Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().mqttUrl(brokerUrl).data(dir.resolve("hub-data"))
                .region(TestLocation.writeRegion(dir)).build(), Clock.systemUTC());
    }

    private Node node(String brokerUrl, Path data) {
        return Node.start(TestLocation.nodeConfig(brokerUrl, data), Clock.systemUTC(), FAST);
    }

    @Test
    void a_second_node_with_one_identity_keeps_its_refused_event_and_admins_see_it_whole() throws Exception {
        Path first = dir.resolve("node-a");
        Path clone = dir.resolve("node-b");
        try (MosquittoBroker broker = MosquittoBroker.start(); Hub hub = hub(broker.url())) {
            try (Node a = node(broker.url(), first)) {
                await().atMost(WAIT).until(() -> a.hubConnected() && a.pendingCount() == 0);
            }
            copy(first, clone); // the SD card is cloned into a second Pi: one session, one seq counter, two nodes
            try (Node a = node(broker.url(), first)) {
                a.checkIn("T1", "5001", null);
                await().atMost(WAIT).until(() -> a.pendingCount() == 0);
            }

            try (Node b = node(broker.url(), clone)) {
                NodeMessage mine = b.checkIn("T4", "5004", null); // seq 2 again, another id
                await().atMost(WAIT).until(() -> b.hubConnected() && b.pendingCount() == 0);

                List<Rejection> refused = b.lastRejections();
                assertEquals(List.of(mine.envelope().seq()), refused.stream().map(Rejection::seq).toList(),
                        "the ack named the clone's event as refused, so it was not deleted as if stored");
                assertTrue(refused.get(0).reason().contains("identity"), refused.get(0).reason());
                assertEquals(mine.envelope().id(), refused.get(0).id());
                assertTrue(refused.get(0).payload().contains("\"bed\":\"T4\""), "kept whole on the node: "
                        + refused.get(0).payload());
            }
            assertEquals(1, TestLocation.hubOccupied(hub.httpPort(), Kind.REGULAR), "T1 only, never the clone's T4");
            JsonNode listed = admin(hub.httpPort(), "/api/v1/admin/refused").get(0);
            assertEquals("conflict", listed.get("kind").asText());
            assertEquals("conflict", listed.get("reasonCode").asText(), "shown in Dutch on /admin");
            assertEquals(TestLocation.NODE, listed.get("node").asText());
            assertEquals(2, listed.get("seq").asLong());
            assertTrue(listed.get("body").asText().contains("T4") && !listed.get("body").asText().contains("5004"),
                    "kept whole at the hub, the pass number never: " + listed);
            assertTrue(listed.hasNonNull("receivedAt"));
            assertEquals(1, admin(hub.httpPort(), "/api/v1/admin/nodes").get(0).get("refusedLastWeek").asLong());
        }
    }

    @Test
    void an_invalid_event_in_the_middle_is_refused_and_the_events_after_it_are_applied() throws Exception {
        Path data = dir.resolve("node");
        try (MosquittoBroker broker = MosquittoBroker.start(); Hub hub = hub(broker.url())) {
            try (Node node = node(broker.url(), data)) {
                await().atMost(WAIT).until(() -> node.hubConnected() && node.pendingCount() == 0);
            }
            long broken;
            try (Node offline = node(NO_BROKER, data)) {
                offline.checkIn("T1", "6001", null);
                broken = offline.checkIn("T2", "6002", null).envelope().seq();
                offline.checkIn("T3", "6003", null);
            }
            // Written by another build (or by hand): a node on local time, and a token shorter than the contract allows.
            rewrite(data, broken - 1, "Z\"", "+01:00\"");
            rewrite(data, broken, "\"token\":\"[^\"]*\"", "\"token\":\"k1:abc\"");

            try (Node node = node(broker.url(), data)) {
                await().atMost(WAIT).until(() -> node.hubConnected() && node.pendingCount() == 0);

                List<Rejection> refused = node.lastRejections();
                assertEquals(List.of(broken), refused.stream().map(Rejection::seq).toList());
                assertTrue(refused.get(0).reason().contains("token"), refused.get(0).reason());
                assertTrue(refused.get(0).payload().contains("k1:abc"), "kept on the node for support");
            }
            assertEquals(2, TestLocation.hubOccupied(hub.httpPort(), Kind.REGULAR), "T1 (time with an offset) and T3");
            JsonNode listed = admin(hub.httpPort(), "/api/v1/admin/refused").get(0);
            assertEquals("refused", listed.get("kind").asText());
            assertEquals("bad_field", listed.get("reasonCode").asText(), listed.toString());
            assertEquals(broken, listed.get("seq").asLong());
            assertTrue(listed.get("body").asText().contains("check_in"), listed.toString());
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    /** Rewrites one outbox row of a closed node, as a node of another build might have written it. */
    private static void rewrite(Path data, long seq, String regex, String replacement) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("node.db"))) {
            String payload;
            try (PreparedStatement select = db.prepareStatement("SELECT payload FROM outbox WHERE seq = ?")) {
                select.setLong(1, seq);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    payload = rows.getString(1);
                }
            }
            try (PreparedStatement update = db.prepareStatement("UPDATE outbox SET payload = ? WHERE seq = ?")) {
                update.setString(1, payload.replaceFirst(regex, replacement));
                update.setLong(2, seq);
                assertEquals(1, update.executeUpdate());
            }
        }
    }

    private static JsonNode admin(int port, String path) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String token = new ObjectMapper().readTree(login.body()).get("token").asText();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return new ObjectMapper().readTree(response.body());
    }
}
