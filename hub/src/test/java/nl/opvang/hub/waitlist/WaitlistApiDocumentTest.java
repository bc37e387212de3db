package nl.opvang.hub.waitlist;

import static nl.opvang.hub.waitlist.WaitlistFixture.ADMIN;
import static nl.opvang.hub.waitlist.WaitlistFixture.CT;
import static nl.opvang.hub.waitlist.WaitlistFixture.NIGHT_TEST;
import static nl.opvang.hub.waitlist.WaitlistFixture.VEILIG_THUIS;
import static nl.opvang.hub.waitlist.WaitlistFixture.VO_DESK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import nl.opvang.hub.testkit.OpenApiDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The waiting list's part of the hand-written OpenAPI document against the running server: every method and status
 * answered as documented, and every other role refused on every operation (the role table of docs/DESIGN.md §5: CT
 * only).
 */
class WaitlistApiDocumentTest {
    private static final String ADD = "{\"need\":\"regular\",\"decidedOn\":\"2026-09-01\",\"origin\":\"Leusden\"}";

    @TempDir
    Path dataDir;
    WaitlistFixture hub;
    OpenApiDocument document;

    @BeforeEach
    void start() {
        hub = new WaitlistFixture(dataDir);
        hub.testLocationLive();
        document = new OpenApiDocument(WaitlistFixture.parse(hub.get("/openapi.json", null)));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void every_documented_waitlist_path_method_and_status_answers_as_documented() {
        String waiting = fresh("regular");
        String function = fresh("bw_so");
        String unknown = UUID.randomUUID().toString();
        Map<String, Supplier<HttpResponse<String>>> requests = Map.ofEntries(
                Map.entry("get /api/v1/waitlist 200", () -> hub.get("/api/v1/waitlist", CT)),
                Map.entry("get /api/v1/waitlist 401", () -> hub.get("/api/v1/waitlist", null)),
                Map.entry("get /api/v1/waitlist 403", () -> hub.get("/api/v1/waitlist", VEILIG_THUIS)),
                Map.entry("post /api/v1/waitlist 201", () -> hub.post("/api/v1/waitlist", CT, ADD)),
                Map.entry("post /api/v1/waitlist 400", () -> hub.post("/api/v1/waitlist", CT, "{\"name\":\"Jan\"}")),
                Map.entry("post /api/v1/waitlist 401", () -> hub.post("/api/v1/waitlist", null, ADD)),
                Map.entry("post /api/v1/waitlist 403", () -> hub.post("/api/v1/waitlist", ADMIN, ADD)),
                Map.entry("put /api/v1/waitlist/{id} 200", () -> hub.put("/api/v1/waitlist/" + waiting, CT,
                        "{\"priority\":\"high\",\"exemption\":\"time_out\"}")),
                Map.entry("put /api/v1/waitlist/{id} 400", () -> hub.put("/api/v1/waitlist/" + waiting, CT, "{}")),
                Map.entry("put /api/v1/waitlist/{id} 401", () -> hub.put("/api/v1/waitlist/" + waiting, null, "{}")),
                Map.entry("put /api/v1/waitlist/{id} 403", () -> hub.put("/api/v1/waitlist/" + waiting, VO_DESK, "{}")),
                Map.entry("put /api/v1/waitlist/{id} 404", () -> hub.put("/api/v1/waitlist/" + unknown, CT,
                        "{\"priority\":\"high\"}")),
                Map.entry("put /api/v1/waitlist/{id} 409", () -> hub.put("/api/v1/waitlist/" + closed(), CT,
                        "{\"priority\":\"high\"}")),
                Map.entry("post /api/v1/waitlist/{id}/offer 201", () -> hub.post("/api/v1/waitlist/" + fresh("regular")
                        + "/offer", CT, "{\"site\":\"test\"}")),
                Map.entry("post /api/v1/waitlist/{id}/offer 400", () -> hub.post("/api/v1/waitlist/" + waiting + "/offer", CT,
                        "{\"site\":5}")),
                Map.entry("post /api/v1/waitlist/{id}/offer 401", () -> hub.post("/api/v1/waitlist/" + waiting + "/offer", null,
                        "{}")),
                Map.entry("post /api/v1/waitlist/{id}/offer 403", () -> hub.post("/api/v1/waitlist/" + waiting + "/offer",
                        NIGHT_TEST, "{}")),
                Map.entry("post /api/v1/waitlist/{id}/offer 404", () -> hub.post("/api/v1/waitlist/" + unknown + "/offer", CT,
                        "{}")),
                Map.entry("post /api/v1/waitlist/{id}/offer 409", () -> hub.post("/api/v1/waitlist/" + function + "/offer", CT,
                        "{}")),
                Map.entry("post /api/v1/waitlist/{id}/close 200", () -> hub.post("/api/v1/waitlist/" + fresh("crisis")
                        + "/close", CT, "{\"reason\":\"no_contact\"}")),
                Map.entry("post /api/v1/waitlist/{id}/close 400", () -> hub.post("/api/v1/waitlist/" + waiting + "/close", CT,
                        "{\"reason\":\"weg\"}")),
                Map.entry("post /api/v1/waitlist/{id}/close 401", () -> hub.post("/api/v1/waitlist/" + waiting + "/close", null,
                        "{\"reason\":\"other\"}")),
                Map.entry("post /api/v1/waitlist/{id}/close 403", () -> hub.post("/api/v1/waitlist/" + waiting + "/close",
                        VEILIG_THUIS, "{\"reason\":\"other\"}")),
                Map.entry("post /api/v1/waitlist/{id}/close 404", () -> hub.post("/api/v1/waitlist/" + unknown + "/close", CT,
                        "{\"reason\":\"other\"}")),
                Map.entry("post /api/v1/waitlist/{id}/close 409", () -> hub.post("/api/v1/waitlist/" + closed() + "/close", CT,
                        "{\"reason\":\"other\"}")));
        TreeSet<String> called = new TreeSet<>();
        TreeSet<String> documented = new TreeSet<>();

        for (OpenApiDocument.Case each : document.cases(WaitlistApiDocumentTest.class, List.of("get", "post", "put", "delete"))) {
            String key = each.key();
            documented.add(key);
            document.check(key, requests.get(key), each.response());
            called.add(key);
        }

        assertEquals(new TreeSet<>(requests.keySet()), documented, "every case is documented");
        assertEquals(documented, called);
    }

    @Test
    void every_role_but_ct_is_refused_every_waitlist_operation() {
        String id = fresh("regular");
        for (var role : List.of(VEILIG_THUIS, VO_DESK, NIGHT_TEST, ADMIN)) {
            assertEquals(403, hub.get("/api/v1/waitlist", role).statusCode(), role.username());
            assertEquals(403, hub.post("/api/v1/waitlist", role, ADD).statusCode(), role.username());
            assertEquals(403, hub.put("/api/v1/waitlist/" + id, role, "{\"priority\":\"high\"}").statusCode(), role.username());
            assertEquals(403, hub.post("/api/v1/waitlist/" + id + "/offer", role, "{}").statusCode(), role.username());
            assertEquals(403, hub.post("/api/v1/waitlist/" + id + "/close", role, "{\"reason\":\"other\"}").statusCode(),
                    role.username());
        }
        assertEquals("waiting normal 0", hub.entry(id).get("state").asText() + " " + hub.entry(id).get("priority").asText()
                + " " + hub.entry(id).get("offers").asInt());
    }

    private String fresh(String need) {
        return hub.add(need, "2026-09-01", "").get("id").asText();
    }

    private String closed() {
        String id = fresh("opstart");
        hub.post("/api/v1/waitlist/" + id + "/close", CT, "{\"reason\":\"other\"}");
        return id;
    }
}
