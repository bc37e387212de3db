package nl.opvang.hub.placement;

import static nl.opvang.hub.placement.PlacementFixture.CT;
import static nl.opvang.hub.placement.PlacementFixture.NIGHT_TEST;
import static nl.opvang.hub.placement.PlacementFixture.OTHER_DESK;
import static nl.opvang.hub.placement.PlacementFixture.OTHER_VT;
import static nl.opvang.hub.placement.PlacementFixture.VEILIG_THUIS;
import static nl.opvang.hub.placement.PlacementFixture.VO_DESK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import nl.opvang.hub.testkit.OpenApiDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holds' part of the hand-written OpenAPI document against the running server: every method and status answered. */
class HoldApiDocumentTest {
    private static final String ANY_CRISIS = "{\"site\":null,\"kind\":\"crisis\",\"bed\":null}";
    private static final String A_REGULAR = "{\"site\":\"test\",\"kind\":\"regular\"}";

    @TempDir
    Path dataDir;
    HoldHttpFixture hub;
    OpenApiDocument document;

    @BeforeEach
    void start() {
        hub = new HoldHttpFixture(dataDir);
        hub.store.testLocationLive();
        document = new OpenApiDocument(hub.parse(hub.get("/openapi.json", null)));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void every_documented_hold_path_method_and_status_answers_as_documented() {
        String mine = hub.parse(hub.post("/api/v1/holds", CT, ANY_CRISIS)).get("id").asText();
        Map<String, Supplier<HttpResponse<String>>> requests = Map.ofEntries(
                Map.entry("post /api/v1/holds 201", () -> hub.post("/api/v1/holds", CT, A_REGULAR)),
                Map.entry("post /api/v1/holds 400", () -> hub.post("/api/v1/holds", CT, "not json")),
                Map.entry("post /api/v1/holds 401", () -> hub.post("/api/v1/holds", null, ANY_CRISIS)),
                Map.entry("post /api/v1/holds 403", () -> hub.post("/api/v1/holds", VO_DESK, ANY_CRISIS)),
                Map.entry("post /api/v1/holds 409", () -> hub.post("/api/v1/holds", CT, ANY_CRISIS)),
                Map.entry("get /api/v1/holds 200", () -> hub.get("/api/v1/holds", CT)),
                Map.entry("get /api/v1/holds 401", () -> hub.get("/api/v1/holds", null)),
                Map.entry("get /api/v1/holds/stream 400", () -> hub.get("/api/v1/holds/stream", CT)),
                Map.entry("get /api/v1/holds/stream 401", () -> hub.send(hub.request("/api/v1/holds/stream", null)
                        .header("Accept", "text/event-stream").GET().build())),
                Map.entry("get /api/v1/holds/{id} 200", () -> hub.get("/api/v1/holds/" + mine, CT)),
                Map.entry("get /api/v1/holds/{id} 401", () -> hub.get("/api/v1/holds/" + mine, null)),
                Map.entry("get /api/v1/holds/{id} 404", () -> hub.get("/api/v1/holds/" + mine, OTHER_VT)),
                Map.entry("delete /api/v1/holds/{id} 200", () -> hub.delete("/api/v1/holds/" + fresh(), CT)),
                Map.entry("delete /api/v1/holds/{id} 401", () -> hub.delete("/api/v1/holds/" + mine, null)),
                Map.entry("delete /api/v1/holds/{id} 403", () -> hub.delete("/api/v1/holds/" + mine, NIGHT_TEST)),
                Map.entry("delete /api/v1/holds/{id} 404", () -> hub.delete("/api/v1/holds/" + mine, OTHER_VT)),
                Map.entry("delete /api/v1/holds/{id} 409", () -> hub.delete("/api/v1/holds/" + ended(), CT)),
                Map.entry("post /api/v1/holds/{id}/close 200", () -> answer(ended(), "close", CT)),
                Map.entry("post /api/v1/holds/{id}/close 401", () -> answer(ended(), "close", null)),
                Map.entry("post /api/v1/holds/{id}/close 403", () -> answer(ended(), "close", NIGHT_TEST)),
                Map.entry("post /api/v1/holds/{id}/close 404", () -> hub.post(
                        "/api/v1/holds/00000000-0000-4000-8000-000000000000/close", CT, "")),
                Map.entry("post /api/v1/holds/{id}/close 409", () -> answer(mine, "close", CT)),
                Map.entry("post /api/v1/holds/{id}/accept 200", () -> answer(fresh(), "accept", NIGHT_TEST)),
                Map.entry("post /api/v1/holds/{id}/accept 400", () -> hub.post("/api/v1/holds/" + mine + "/accept",
                        NIGHT_TEST, "{\"instructions\":\" \"}")),
                Map.entry("post /api/v1/holds/{id}/accept 401", () -> answer(mine, "accept", null)),
                Map.entry("post /api/v1/holds/{id}/accept 403", () -> answer(mine, "accept", CT)),
                // A desk that may answer holds, but not this one; Veilig Thuis never answers, so it gets 403 first.
                Map.entry("post /api/v1/holds/{id}/accept 404", () -> answer(mine, "accept", OTHER_DESK)),
                Map.entry("post /api/v1/holds/{id}/accept 409", () -> answer(ended(), "accept", NIGHT_TEST)),
                Map.entry("post /api/v1/holds/{id}/refuse 200", () -> answer(fresh(), "refuse", NIGHT_TEST)),
                Map.entry("post /api/v1/holds/{id}/refuse 400", () -> hub.post("/api/v1/holds/" + mine + "/refuse",
                        NIGHT_TEST, "{}")),
                Map.entry("post /api/v1/holds/{id}/refuse 401", () -> answer(mine, "refuse", null)),
                Map.entry("post /api/v1/holds/{id}/refuse 403", () -> answer(mine, "refuse", CT)),
                Map.entry("post /api/v1/holds/{id}/refuse 404", () -> answer(mine, "refuse", OTHER_DESK)),
                Map.entry("post /api/v1/holds/{id}/refuse 409", () -> answer(ended(), "refuse", NIGHT_TEST)),
                Map.entry("get /api/v1/crisis-places 200", () -> hub.get("/api/v1/crisis-places", VEILIG_THUIS)),
                Map.entry("get /api/v1/crisis-places 400", () -> hub.get("/api/v1/crisis-places?children=-1", VEILIG_THUIS)),
                Map.entry("get /api/v1/crisis-places 401", () -> hub.get("/api/v1/crisis-places", null)),
                Map.entry("get /api/v1/crisis-places 403", () -> hub.get("/api/v1/crisis-places", VO_DESK)));
        TreeSet<String> called = new TreeSet<>();
        TreeSet<String> documented = new TreeSet<>();

        for (OpenApiDocument.Case each : document.cases(HoldApiDocumentTest.class, List.of("get", "post", "delete"))) {
            String key = each.key();
            documented.add(key);
            if (key.equals("get /api/v1/holds/stream 200")) {
                checkStream(each.response().get("content").get("text/event-stream").get("x-events"));
            } else {
                document.check(key, requests.get(key), each.response());
            }
            called.add(key);
        }

        assertEquals(new TreeSet<>(requests.keySet()).size() + 1, documented.size(), "every case is documented");
        assertEquals(documented, called);
    }

    private String fresh() {
        return hub.parse(hub.post("/api/v1/holds", CT, A_REGULAR)).get("id").asText();
    }

    private String ended() {
        String id = fresh();
        hub.delete("/api/v1/holds/" + id, CT);
        return id;
    }

    private HttpResponse<String> answer(String id, String action, nl.opvang.hub.http.Principal as) {
        return hub.post("/api/v1/holds/" + id + "/" + action, as, action.equals("accept")
                ? "{\"instructions\":\"Melden bij de nachtdienst\"}" : "{\"reason\":\"Vol\"}");
    }

    private void checkStream(JsonNode events) {
        HttpRequest request = hub.request("/api/v1/holds/stream", CT).header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<InputStream> response = hub.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                assertEquals("event: holds", lines.readLine());
                String data = lines.readLine();
                assertTrue(data.startsWith("data: "), data);
                document.validate(events.get("holds"), hub.json.readTree(data.substring(6)), "holds event");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
