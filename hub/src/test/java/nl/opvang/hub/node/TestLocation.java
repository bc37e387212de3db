package nl.opvang.hub.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.hub.testkit.TestRegion;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import org.junit.jupiter.api.Assertions;

/**
 * The test location of docs/DESIGN.md §2 (site {@code test}, node {@code test-1}, beds T1–T4 regular and T5 crisis) for
 * node fault tests: its region file for the hub, the node's config, and read-outs of the hub's store and API.
 */
final class TestLocation {
    static final String SITE = "test";
    static final String NODE = "test-1";
    static final String REGION = TestRegion.TEXT;

    private TestLocation() {
    }

    static Path writeRegion(Path dir) throws IOException {
        return TestRegion.write(dir);
    }

    /** The hub's flags: an external broker, a free HTTP port, its own data folder and the test region. */
    static String[] hubArgs(String brokerUrl, Path data, Path region) {
        // --demo for its demo accounts (the availability answer needs a login); the region has only the test location,
        // so no simulated nodes run.
        return new String[] {"--demo", "--mqtt-url", brokerUrl, "--http-port", "0", "--data", data.toString(),
            "--region", region.toString()};
    }

    /** The {@code i}-th event of a simulated shift: check-ins and check-outs taking turns over beds T1–T5. */
    static NodeMessage shiftEvent(Node node, int i) {
        String bed = "T" + (1 + (i / 2) % 5);
        String pass = "4000" + (i / 2);
        return i % 2 == 0 ? node.checkIn(bed, pass, "0307") : node.checkOut(bed, pass, null);
    }

    static NodeConfig nodeConfig(String brokerUrl, Path nodeData) {
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        for (int bed = 1; bed <= 4; bed++) {
            beds.add(new NodeConfig.BedConfig("T" + bed, Kind.REGULAR));
        }
        beds.add(new NodeConfig.BedConfig("T5", Kind.CRISIS));
        return NodeConfig.simulated(SITE, NODE, brokerUrl, nodeData, beds, List.of());
    }

    /** One stored event of the node, as the hub's {@code event} table holds it. */
    record StoredEvent(long seq, String id, String type, String bed, long receivedMs, boolean rejected) {
    }

    /** Every event of {@code session} in the hub's store, in seq order. */
    static List<StoredEvent> storedEvents(Path hubData, String session) throws SQLException, IOException {
        ObjectMapper json = new ObjectMapper();
        List<StoredEvent> events = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + hubData.resolve("hub.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT seq, id, type, body, received_ms, rejected FROM event "
                     + "WHERE node = '" + NODE + "' AND session = '" + session + "' ORDER BY seq")) {
            while (rows.next()) {
                JsonNode bed = json.readTree(rows.getString("body")).get("bed");
                events.add(new StoredEvent(rows.getLong("seq"), rows.getString("id"), rows.getString("type"),
                        bed == null ? null : bed.asText(), rows.getLong("received_ms"), rows.getString("rejected") != null));
            }
        }
        return events;
    }

    /**
     * The oracle of docs/DESIGN.md §9: every event the node saw acked is stored exactly once. The acks are cumulative,
     * so seq 1..{@code highestAck} must all be stored; beyond that: no seq missing (COUNT = MAX seq), no seq and no id
     * twice, nothing refused, and every id in {@code recordedIds} (what the node recorded) stored. Returns the stored
     * events in seq order.
     */
    static List<StoredEvent> assertStoredExactlyOnce(Path hubData, String session, long highestAck,
                                                     Collection<String> recordedIds) throws SQLException, IOException {
        List<StoredEvent> stored = storedEvents(hubData, session);
        Assertions.assertFalse(stored.isEmpty(), "nothing stored for session " + session);
        long max = stored.get(stored.size() - 1).seq();
        Assertions.assertEquals(1, stored.get(0).seq(), "the birth is seq 1");
        Assertions.assertEquals(max, stored.size(), "COUNT = MAX seq: no gap, none doubled");
        Set<Long> seqs = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (StoredEvent event : stored) {
            seqs.add(event.seq());
            ids.add(event.id());
            Assertions.assertFalse(event.rejected(), "nothing refused: " + event);
        }
        Assertions.assertEquals(stored.size(), seqs.size(), "COUNT = COUNT DISTINCT seq");
        Assertions.assertEquals(stored.size(), ids.size(), "no event id stored twice");
        Assertions.assertTrue(max >= highestAck, "acked up to seq " + highestAck + " but stored only up to " + max);
        Set<String> missing = new HashSet<>(recordedIds);
        missing.removeAll(ids);
        Assertions.assertEquals(Set.of(), missing, "every event the node recorded is stored");
        return stored;
    }

    /** How many check-ins and check-outs of {@code session} the hub has stored (each row once, by the oracle). */
    static long storedCheckInsAndOuts(Path hubData, String session) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + hubData.resolve("hub.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM event WHERE node = '" + NODE
                     + "' AND session = '" + session + "' AND type IN ('check_in', 'check_out')")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The test location's {@code occupied} figure for {@code kind} in {@code GET /api/v1/availability}. */
    static int hubOccupied(int httpPort, Kind kind) throws IOException, InterruptedException {
        JsonNode location = availability(httpPort);
        for (JsonNode entry : location.get("kinds")) {
            if (entry.get("kind").asText().equals(kind.wire())) {
                return entry.get("occupied").asInt();
            }
        }
        throw new IllegalStateException("the hub lists no " + kind.wire() + " places for the test location: " + location);
    }

    /** The test location's entry in {@code GET /api/v1/availability}. */
    static JsonNode availability(int httpPort) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ct\",\"password\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("login as the demo CT answered " + login.statusCode() + ": " + login.body());
        }
        String token = new ObjectMapper().readTree(login.body()).get("token").asText();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/availability"))
                        .header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("availability answered " + response.statusCode() + ": " + response.body());
        }
        for (JsonNode location : new ObjectMapper().readTree(response.body()).get("locations")) {
            if (location.get("code").asText().equals(SITE)) {
                return location;
            }
        }
        throw new IllegalStateException("the test location is not in the availability answer: " + response.body());
    }
}
