package nl.opvang.hub.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import nl.opvang.hub.testkit.HubProcess;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 8 as an operator meets it: the hub jar as its own process, a break-glass read, the hub stopped, the read
 * deleted from {@code hub.db}; then the jar's {@code audit-verify} and the hub started again on the file.
 */
class AuditAnchorIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_break_glass_read_deleted_while_the_hub_was_down_is_named_by_audit_verify_and_by_the_restarted_hub()
            throws Exception {
        Path data = dir.resolve("hub-data");
        String[] args = {"--demo", "--data", data.toString(), "--http-port", "0", "--mqtt-port", "0"};
        long head;
        try (HubProcess hub = HubProcess.start(dir, args)) {
            String ct = login(hub, "ct");
            HttpResponse<String> read = http.send(request(hub, "/api/v1/locations/kw-vo/break-glass", ct)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"Vrouw met kind aan de lijn, VO belt niet terug\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, read.statusCode(), read.body());
            hub.stop();
            assertTrue(hub.log().contains("audit anchor "), "the head is in the log too");
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hub.db").toAbsolutePath());
             Statement statement = raw.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT MAX(seq) FROM audit WHERE action = 'secret.read'")) {
                rows.next();
                head = rows.getLong(1);
            }
            statement.executeUpdate("DROP TRIGGER audit_no_delete");
            statement.executeUpdate("DELETE FROM audit WHERE seq >= " + head);
        }
        List<String> anchors = Files.readAllLines(data.resolve(AuditAnchors.FILE_NAME));

        HubProcess.Result verify = HubProcess.run(dir, Duration.ofSeconds(60), "audit-verify", "--data", data.toString());
        assertEquals(1, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("audit log broken at entry " + head + ": "), verify.output());
        assertTrue(verify.output().contains("the chain's head was cut"), verify.output());

        try (HubProcess hub = HubProcess.start(dir, args)) {
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> JSON.readTree(health(hub).body())
                    .get("broker").asText().equals("connected"));
            HttpResponse<String> health = health(hub);
            assertEquals(200, health.statusCode(), health.body());
            JsonNode answer = JSON.readTree(health.body());
            assertEquals("degraded", answer.get("status").asText());
            assertEquals("broken", answer.get("audit").asText());
            assertEquals(1, hub.log().lines().filter(line -> line.contains("AUDIT CHAIN DISAGREES WITH ITS ANCHORS")).count(),
                    hub.log());
            String ct = login(hub, "ct");
            assertTrue(!ct.isEmpty());
            assertEquals(anchors, Files.readAllLines(data.resolve(AuditAnchors.FILE_NAME)),
                    "the restarted hub anchored nothing on the cut chain, not even the login just made");
            hub.stop();
        }
    }

    private String login(HubProcess hub, String user) throws Exception {
        HttpResponse<String> response = http.send(request(hub, "/api/v1/login", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("token").asText();
    }

    private HttpResponse<String> health(HubProcess hub) throws Exception {
        return http.send(request(hub, "/health", null).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(HubProcess hub, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }
}
