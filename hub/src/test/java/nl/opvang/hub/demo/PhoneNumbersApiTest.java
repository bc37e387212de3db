package nl.opvang.hub.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #15 item 3 over HTTP against a real hub with the seed region: wherever a location's phone is answered, it also
 * comes taken apart, {@code phoneNumber} (digits and +, for {@code tel:}) and {@code phoneNote}, and {@code phone} stays
 * as the region file writes it.
 */
class PhoneNumbersApiTest {
    @TempDir
    Path data;
    Hub hub;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(data).build(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void availability_locations_and_crisis_places_give_the_number_and_the_note_apart_and_keep_phone_as_written()
            throws Exception {
        String ct = login("ct");
        JsonNode availability = get("/api/v1/availability", ct).get("locations");
        JsonNode vrouwenopvang = find(availability, "088 000 0200 (24/7)");
        assertEquals("0880000200", vrouwenopvang.get("phoneNumber").asText());
        assertEquals("24/7", vrouwenopvang.get("phoneNote").asText());
        JsonNode smallepad = byCode(availability, "smallepad");
        assertEquals("033 000 0101", smallepad.get("phone").asText());
        assertEquals("0330000101", smallepad.get("phoneNumber").asText());
        assertTrue(smallepad.get("phoneNote").isNull(), "no note: null");
        for (JsonNode entry : availability) {
            assertTrue(entry.get("phoneNumber").asText().matches("\\+?[0-9]{10,15}"), entry.toString());
            assertEquals(entry.get("phone").asText().split("\\(")[0].replaceAll("[^0-9+]", ""),
                    entry.get("phoneNumber").asText(), entry.get("code").asText());
        }

        JsonNode locations = get("/api/v1/locations", ct);
        assertEquals("0880000200", find(locations, "088 000 0200 (24/7)").get("phoneNumber").asText());
        assertEquals("24/7", find(locations, "088 000 0200 (24/7)").get("phoneNote").asText());
        JsonNode one = get("/api/v1/locations/smallepad", ct);
        assertEquals("0330000101", one.get("phoneNumber").asText());
        assertTrue(one.get("phoneNote").isNull());
        assertEquals("0330000101", one.get("availability").get("phoneNumber").asText());

        JsonNode region = get("/api/v1/crisis-places", login("veiligthuis")).get("regions").get(0);
        assertEquals("088 000 0200 (24/7)", region.get("phones").get(0).asText());
        JsonNode call = region.get("calls").get(0);
        assertEquals("088 000 0200 (24/7)", call.get("phone").asText());
        assertEquals("0880000200", call.get("phoneNumber").asText());
        assertEquals("24/7", call.get("phoneNote").asText());
        assertEquals(region.get("phones").size(), region.get("calls").size());
    }

    private static JsonNode find(JsonNode list, String phone) {
        List<JsonNode> found = new ArrayList<>();
        list.forEach(entry -> {
            if (entry.get("phone").asText().equals(phone)) {
                found.add(entry);
            }
        });
        assertTrue(!found.isEmpty(), "a location with phone " + phone);
        return found.get(0);
    }

    private static JsonNode byCode(JsonNode list, String code) {
        for (JsonNode entry : list) {
            if (entry.get("code").asText().equals(code)) {
                return entry;
            }
        }
        throw new AssertionError("no location " + code);
    }

    private String login(String username) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"demo\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return json.readTree(answer.body()).get("token").asText();
    }

    private JsonNode get(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), path + ": " + answer.body());
        return json.readTree(answer.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }
}
