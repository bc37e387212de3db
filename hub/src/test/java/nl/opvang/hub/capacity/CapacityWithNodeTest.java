package nl.opvang.hub.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import nl.opvang.device.node.Node;
import nl.opvang.hub.Hub;
import nl.opvang.hub.testkit.HubWithNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the device's own node: a real hub (embedded broker, its ticker) and the test location's real
 * {@link Node}. A cut to two beds while a guest sleeps in T2 closes the free T4 and T3 (highest first, never the
 * guest's), the availability follows and the calendar says the location confirmed; withdrawing it opens them again.
 */
class CapacityWithNodeTest {
    @TempDir
    Path hubData;
    @TempDir
    Path nodeData;
    HubWithNode running;
    Hub hub;
    Node node;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    String token;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void a_cut_closes_free_beds_at_the_node_never_the_guests_and_withdrawing_it_opens_them_again() throws Exception {
        running = HubWithNode.start(hubData, nodeData);
        hub = running.hub();
        node = running.node();
        token = login();
        node.checkIn("T2", "5001", "0307");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> regular().path("occupied").asInt() == 1);

        HttpResponse<String> planned = send(HttpRequest.newBuilder(uri("/api/v1/capacity-changes"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"site\":\"test\",\"kind\":\"regular\",\"capacity\":2,\"reason\":\"Twee kamers in de verf\"}")));
        assertEquals(201, planned.statusCode(), planned.body());
        long id = json.readTree(planned.body()).get("id").asLong();

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> regular().path("capacity").asInt() == 2);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> calendar().path("confirmed").asBoolean());
        assertEquals(1, regular().get("occupied").asInt(), "the guest in T2 keeps the bed");
        assertEquals(1, regular().get("free").asInt());

        HttpResponse<String> withdrawn = send(HttpRequest.newBuilder(uri("/api/v1/capacity-changes/" + id)).DELETE());
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> regular().path("capacity").asInt() == 4);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> calendar().path("confirmed").asBoolean());
        assertEquals("cancelled", calendar().get("state").asText());
        assertEquals(3, regular().get("free").asInt());
    }

    private String login() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ct\",\"password\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(login.body()).get("token").asText();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode regular() throws Exception {
        for (JsonNode location : json.readTree(send(HttpRequest.newBuilder(uri("/api/v1/availability")).GET()).body())
                .get("locations")) {
            if (location.get("code").asText().equals("test")) {
                for (JsonNode kind : location.get("kinds")) {
                    if (kind.get("kind").asText().equals("regular")) {
                        return kind;
                    }
                }
            }
        }
        return json.createObjectNode();
    }

    private JsonNode calendar() throws Exception {
        return json.readTree(send(HttpRequest.newBuilder(uri("/api/v1/capacity-changes")).GET()).body())
                .get("changes").get(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }
}
