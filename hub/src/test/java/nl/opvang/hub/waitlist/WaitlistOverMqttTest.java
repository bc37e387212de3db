package nl.opvang.hub.waitlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import nl.opvang.device.node.Node;
import nl.opvang.hub.Hub;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.testkit.HubWithNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over a real broker: the hub as it starts (embedded MQTT broker, its own wiring) and the test location's
 * node run by the device's own code. CT offers a free place to someone on the waiting list over HTTP; the node gets
 * the hold, and a check-in with it at the node ends the wait; a refusal at the node puts the next one back on the list.
 */
class WaitlistOverMqttTest {
    @TempDir
    Path hubData;
    @TempDir
    Path nodeData;
    HubWithNode running;
    Hub hub;
    Node node;
    final HttpClient http = HttpClient.newHttpClient();
    String token;

    @BeforeEach
    void start() {
        running = HubWithNode.start(hubData, nodeData);
        hub = running.hub();
        node = running.node();
        running.live();
        token = call("POST", "/api/v1/login", "{\"username\":\"ct\",\"password\":\"demo\"}", 200).get("token").asText();
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void an_offered_place_that_the_node_checks_in_ends_the_wait() {
        String id = add("crisis");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> entry(id).get("offerable").asBoolean());

        UUID hold = UUID.fromString(call("POST", "/api/v1/waitlist/" + id + "/offer", "{}", 201).get("hold").asText());

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> node.incomingHolds().stream()
                .anyMatch(incoming -> incoming.hold().equals(hold)));
        node.acceptHold(hold, "T5", "Melden bij de nachtdienst");
        node.checkIn("T5", "4000123", "0307", hold);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> entry(id) == null);
        assertEquals(0, call("GET", "/api/v1/waitlist", null, 200).get("open").asInt());
        assertEquals("fulfilled", call("GET", "/api/v1/holds/" + hold, null, 200).get("state").asText());
    }

    @Test
    void a_place_the_node_refuses_puts_the_entry_back_on_the_list() {
        String id = add("regular");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> entry(id).get("offerable").asBoolean());

        UUID hold = UUID.fromString(call("POST", "/api/v1/waitlist/" + id + "/offer", "{}", 201).get("hold").asText());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> node.incomingHolds().stream()
                .anyMatch(incoming -> incoming.hold().equals(hold)));
        node.refuseHold(hold, "Past niet in deze groep");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "waiting".equals(entry(id).get("state").asText()));
        assertEquals(1, entry(id).get("offers").asInt());
        assertTrue(entry(id).get("hold").isNull());
    }

    private String add(String need) {
        return call("POST", "/api/v1/waitlist", "{\"need\":\"" + need + "\",\"decidedOn\":\""
                + LocalDate.now(Ageing.DUTCH).minusDays(40) + "\",\"origin\":\"passant\"}", 201).get("id").asText();
    }

    private JsonNode entry(String id) {
        for (JsonNode entry : call("GET", "/api/v1/waitlist", null, 200).get("entries")) {
            if (entry.get("id").asText().equals(id)) {
                return entry;
            }
        }
        return null;
    }

    private JsonNode call(String method, String path, String body, int status) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
