package nl.opvang.hub.coldweather;

import static nl.opvang.hub.coldweather.ColdWeatherHub.ADMIN;
import static nl.opvang.hub.coldweather.ColdWeatherHub.CT;
import static nl.opvang.hub.coldweather.ColdWeatherHub.NIGHT_STAFF;
import static nl.opvang.hub.coldweather.ColdWeatherHub.VEILIG_THUIS;
import static nl.opvang.hub.coldweather.ColdWeatherHub.VO_DESK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import nl.opvang.hub.testkit.OpenApiDocument;
import nl.opvang.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold-weather mode's part of the hand-written OpenAPI document against a running hub: every method and status
 * answered as documented, for every role that gets it.
 */
class ColdWeatherApiDocumentTest {
    private static final String PATH = "/api/v1/cold-weather";
    private static final String ON = "{\"reason\":\"Vorst\"}";

    @TempDir
    Path data;
    ColdWeatherHub hub;
    OpenApiDocument document;

    @BeforeEach
    void start() {
        hub = new ColdWeatherHub(data, new MutableClock(ColdWeatherApiTest.START));
        document = new OpenApiDocument(hub.send(null, "GET", "/openapi.json", null).json());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void every_documented_cold_weather_method_and_status_answers_as_documented() {
        Map<String, List<Supplier<ColdWeatherHub.Answer>>> requests = Map.ofEntries(
                Map.entry("get 200", List.of(() -> hub.get(CT, PATH), () -> hub.get(ADMIN, PATH),
                        () -> hub.get(VEILIG_THUIS, PATH), () -> hub.get(NIGHT_STAFF, PATH), () -> hub.get(VO_DESK, PATH),
                        () -> on(true, CT), () -> hub.get(CT, PATH), () -> hub.get(ADMIN, PATH),
                        () -> hub.get(VEILIG_THUIS, PATH), () -> hub.get(NIGHT_STAFF, PATH))),
                Map.entry("get 401", List.of(() -> hub.get(null, PATH))),
                Map.entry("post 201", List.of(() -> on(false, CT), () -> on(false, ADMIN))),
                Map.entry("post 200", List.of(() -> on(true, CT), () -> on(true, ADMIN))),
                Map.entry("post 400", List.of(() -> hub.post(CT, PATH, "{\"until\":\"2020-01-01T00:00:00Z\",\"reason\":\"Vorst\"}"),
                        () -> hub.post(CT, PATH, "{\"sites\":[\"smallepad\"],\"reason\":\"Vorst\"}"))),
                Map.entry("post 401", List.of(() -> hub.post(null, PATH, ON))),
                Map.entry("post 403", List.of(() -> hub.post(VEILIG_THUIS, PATH, ON), () -> hub.post(NIGHT_STAFF, PATH, ON),
                        () -> hub.post(VO_DESK, PATH, ON))),
                Map.entry("delete 200", List.of(() -> off(true, CT, "?reason=Dooi"),
                        () -> off(true, ADMIN, "?reason=Dooi"))),
                Map.entry("delete 400", List.of(() -> off(true, CT, ""))),
                Map.entry("delete 401", List.of(() -> hub.delete(null, PATH + "?reason=Dooi"))),
                Map.entry("delete 403", List.of(() -> hub.delete(VEILIG_THUIS, PATH + "?reason=Dooi"),
                        () -> hub.delete(NIGHT_STAFF, PATH + "?reason=Dooi"), () -> hub.delete(VO_DESK, PATH + "?reason=Dooi"))),
                Map.entry("delete 409", List.of(() -> off(false, CT, "?reason=Dooi"))));
        TreeSet<String> documented = new TreeSet<>();

        JsonNode path = document.json().get("paths").get(PATH);
        assertEquals(ColdWeatherApiDocumentTest.class.getName(), path.get("x-tested-by").asText());
        for (String method : List.of("get", "post", "delete")) {
            for (Iterator<Map.Entry<String, JsonNode>> statuses = path.get(method).get("responses").fields(); statuses.hasNext(); ) {
                Map.Entry<String, JsonNode> status = statuses.next();
                String key = method + " " + status.getKey();
                documented.add(key);
                JsonNode response = document.response(status.getValue());
                assertNotNull(requests.get(key), "no request for " + key);
                for (Supplier<ColdWeatherHub.Answer> request : requests.get(key)) {
                    check(key, request.get(), response);
                }
            }
        }

        assertEquals(new TreeSet<>(requests.keySet()), documented, "every case is documented, and only these");
    }

    /** A switch-on from the state {@code wasOn} (made so first), as {@code account}. */
    private ColdWeatherHub.Answer on(boolean wasOn, String account) {
        boolean on = hub.state(CT).get("active").asBoolean();
        if (on && !wasOn) {
            hub.delete(CT, PATH + "?reason=Eerst%20uit");
        } else if (!on && wasOn) {
            hub.post(CT, PATH, ON);
        }
        return hub.post(account, PATH, "{\"until\":\"2026-12-09T12:00\",\"sites\":[\"amergaard\"],\"reason\":\"Vorst\"}");
    }

    private ColdWeatherHub.Answer off(boolean wasOn, String account, String query) {
        boolean on = hub.state(CT).get("active").asBoolean();
        if (!on && wasOn) {
            hub.post(CT, PATH, ON);
        } else if (on && !wasOn) {
            hub.delete(CT, PATH + "?reason=Eerst%20uit");
        }
        return hub.delete(account, PATH + query);
    }

    private void check(String key, ColdWeatherHub.Answer answer, JsonNode documented) {
        assertEquals(Integer.parseInt(key.substring(key.indexOf(' ') + 1)), answer.status(), key + ": " + answer.body());
        document.validate(documented.get("content").get("application/json").get("schema"), answer.json(), key);
    }
}
