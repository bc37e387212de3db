package nl.opvang.hub.referral;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.demo.Demo;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.hub.testkit.ApiClient;
import nl.opvang.hub.testkit.OpenApiDocument;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 items 2 and 3 over HTTP against the demo (the hub as it starts, its embedded broker, a simulated node per
 * seed location): Veilig Thuis counts and asks for the vrouwenopvang's places only, through the VO desk; the desk
 * places on its own VO locations only; bad input changes nothing. One demo for the class: each test uses its own
 * places and referrals.
 */
class ReferralApiTest {
    private static final String NOTES = "Partner dreigt; niet bellen na 22:00 op het vaste nummer";
    private static final String INSTRUCTIONS = "Meld u om 02:30 bij de politie Stadsring; wij halen u daar op";

    @TempDir
    static Path dataDir;
    static Hub hub;
    static Demo demo;
    static ApiClient api;

    @BeforeAll
    static void startDemo() {
        // One client plays every worker from one address, over a hundred requests in well under a second on a fast
        // machine: past the per-address burst (120), so the rate limit is off (it failed once in CI with a 429).
        hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(dataDir).httpRateLimit(0).build(),
                Clock.systemUTC());
        demo = Demo.start(hub.inProcess().registry().locations(), hub.mqttUrl(), hub.dataDir(), Duration.ofHours(6));
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.inProcess().projection().snapshot().locations().values()
                .stream().filter(location -> !location.code().equals(Demo.TEST_SITE))
                .allMatch(location -> location.freshness() == Freshness.LIVE));
        hub.inProcess().accounts().accounts().create("test", "veiligthuis-2", "Veilig Thuis 2", Role.VEILIG_THUIS, null,
                "demo");
        api = new ApiClient(hub::httpPort, "demo");
        for (String account : List.of("ct", "veiligthuis", "veiligthuis-2", "vo-desk", "admin")) {
            api.logIn(account);
        }
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void veilig_thuis_counts_only_the_vrouwenopvang_per_desk_with_its_number_and_never_a_location() {
        JsonNode answer = ApiClient.parse(api.get("/api/v1/crisis-places?adults=1&children=2", "veiligthuis"));
        assertEquals(1, answer.get("regions").size(), answer.toString());
        JsonNode desk = answer.get("regions").get(0);
        assertEquals("Kwintes", desk.get("desk").asText());
        assertEquals(vo(Kind.CRISIS), desk.get("free").asInt(), "the VO's crisis places only: " + answer);
        assertEquals(2, desk.get("nood").asInt() + desk.get("toOpen").asInt(), "the VO's two noodbedden: " + answer);
        assertEquals("088 000 0200 (24/7)", desk.get("phones").get(0).asText());
        assertEquals("0880000200", desk.get("calls").get(0).get("phoneNumber").asText());
        String text = answer.toString();
        for (Location location : hub.inProcess().registry().locations()) {
            assertFalse(text.contains(location.name()) || text.contains("\"" + location.code() + "\""), location.code());
        }
        assertEquals(ApiClient.parse(api.get("/api/v1/crisis-places", "veiligthuis")).get("regions").get(0).get("free"),
                desk.get("free"), "both VO locations take children: a mother with two children sees every VO place");
        for (String bad : List.of("children=-1", "adults=twee", "adults=0&children=0", "children=99")) {
            HttpResponse<String> refused = api.get("/api/v1/crisis-places?" + bad, "veiligthuis");
            assertEquals(400, refused.statusCode(), bad);
            assertTrue(ApiClient.parse(refused).get("error").asText().matches("[A-Z].+"), refused.body());
        }
    }

    /** Issue 14's "done when": a request for any crisis place from Veilig Thuis can never land at an MO location. */
    @Test
    void a_veilig_thuis_request_can_never_land_at_an_mo_location() {
        for (Location location : hub.inProcess().registry().locations()) {
            for (Kind kind : kinds(location)) {
                HttpResponse<String> hold = api.post("/api/v1/holds", "veiligthuis",
                        "{\"site\":\"" + location.code() + "\",\"kind\":\"" + kind.wire() + "\"}");
                assertEquals(403, hold.statusCode(), location.code() + " " + kind.wire());
                assertTrue(hold.body().contains("aanmelding bij de vrouwenopvang"), hold.body());
            }
        }
        assertEquals(403, api.post("/api/v1/holds", "veiligthuis", "{\"kind\":\"crisis\"}").statusCode());
        assertEquals(400, api.post("/api/v1/referrals", "veiligthuis", "{\"desk\":\"Roads / Arkin\"}").statusCode(),
                "an MO provider is no door for Veilig Thuis");

        String id = refer("veiligthuis", 1, 0);
        for (Location location : hub.inProcess().registry().locations()) {
            if (location.audience().vo()) {
                continue;
            }
            for (Kind kind : kinds(location)) {
                HttpResponse<String> accepted = accept(id, location.code(), kind);
                assertEquals(400, accepted.statusCode(), location.code() + ": " + accepted.body());
                assertEquals("Kies een van uw locaties", ApiClient.parse(accepted).get("error").asText());
            }
        }
        assertEquals("requested", referral("vo-desk", id).get("state").asText(), "nothing changed");
        assertEquals(200, accept(id, "kw-vo", Kind.CRISIS).statusCode());
        JsonNode desk = referral("vo-desk", id);
        assertEquals("kw-vo", desk.get("site").asText());
        assertTrue(hub.inProcess().registry().location(desk.get("site").asText()).orElseThrow().audience().vo());
        JsonNode vt = referral("veiligthuis", id);
        assertTrue(vt.get("site").isNull() && vt.get("location").isNull() && vt.get("kind").isNull(), vt.toString());
        assertEquals(INSTRUCTIONS, vt.get("instructions").asText());
        String ct = api.get("/api/v1/holds", "ct").body();
        assertFalse(ct.contains("kw-vo"), "CT does not see which VO location holds the person: " + ct);
        assertEquals(403, api.get("/api/v1/referrals", "ct").statusCode());
        assertEquals(200, api.delete("/api/v1/referrals/" + id, "veiligthuis").statusCode());
    }

    @Test
    void bad_input_gets_a_dutch_error_and_changes_nothing() {
        int before = ApiClient.parse(api.get("/api/v1/referrals", "vo-desk")).get("referrals").size();
        Map<String, Integer> bad = Map.of(
                "{\"desk\":\"Onbekend\"}", 400,
                "{\"desk\":\"Kwintes\",\"group\":\"aliens\"}", 400,
                "{\"desk\":\"Kwintes\",\"group\":\"men\"}", 409,
                "{\"desk\":\"Kwintes\",\"adults\":-1}", 400,
                "{\"desk\":\"Kwintes\",\"children\":\"twee\"}", 400,
                "{\"desk\":\"Kwintes\",\"urgency\":\"gisteren\"}", 400,
                "{\"desk\":\"Kwintes\",\"notes\":\"" + "x".repeat(1001) + "\"}", 400,
                "{\"desk\":\"Kwintes\",\"adults\":0,\"children\":0}", 400);
        bad.forEach((body, status) -> {
            HttpResponse<String> refused = api.post("/api/v1/referrals", "veiligthuis", body);
            assertEquals(status, refused.statusCode(), body + " → " + refused.body());
            String error = ApiClient.parse(refused).get("error").asText();
            assertTrue(error.matches("[A-Z].*") && !error.contains("Exception"), error);
        });
        String id = refer("veiligthuis", 1, 2);
        HttpResponse<String> noKind = api.post("/api/v1/referrals/" + id + "/accept", "vo-desk",
                "{\"site\":\"kw-vo\",\"kind\":\"paleis\",\"instructions\":\"x\"}");
        assertEquals(400, noKind.statusCode(), noKind.body());
        HttpResponse<String> noText = api.post("/api/v1/referrals/" + id + "/accept", "vo-desk",
                "{\"site\":\"kw-vo\",\"kind\":\"crisis\"}");
        assertEquals(400, noText.statusCode(), noText.body());
        assertEquals(403, api.post("/api/v1/referrals/" + id + "/accept", "veiligthuis", "{}").statusCode());
        assertEquals(404, api.get("/api/v1/referrals/" + id, "veiligthuis-2").statusCode(), "another worker's");
        assertEquals(before + 1, ApiClient.parse(api.get("/api/v1/referrals", "vo-desk")).get("referrals").size());
        assertEquals("requested", referral("vo-desk", id).get("state").asText());

        HttpResponse<String> refused = api.post("/api/v1/referrals/" + id + "/refuse", "vo-desk",
                "{\"reason\":\"Risico te hoog voor deze regio; bel ons\"}");
        assertEquals(200, refused.statusCode(), refused.body());
        JsonNode vt = referral("veiligthuis", id);
        assertEquals("refused", vt.get("state").asText());
        assertEquals("Risico te hoog voor deze regio; bel ons", vt.get("refusal").asText());
        assertTrue(referral("vo-desk", id).get("notes").isNull(), "the notes are deleted when the referral ends");
        assertEquals(409, api.post("/api/v1/referrals/" + id + "/refuse", "vo-desk", "{\"reason\":\"nog eens\"}")
                .statusCode());
    }

    @Test
    void two_workers_asking_for_the_last_place_both_reach_the_desk_and_the_second_acceptance_there_is_a_conflict()
            throws Exception {
        assertEquals(1, free("kw-jm", Kind.CRISIS), "Jonge moeders has one crisis place");
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> refer("veiligthuis", 1, 1));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> refer("veiligthuis-2", 1, 1));
        List<String> ids = List.of(first.get(), second.get());
        JsonNode queue = ApiClient.parse(api.get("/api/v1/referrals", "vo-desk"));
        List<String> waiting = new ArrayList<>();
        queue.get("referrals").forEach(each -> {
            if (each.get("mayAnswer").asBoolean() && ids.contains(each.get("id").asText())) {
                waiting.add(each.get("id").asText());
                assertEquals(NOTES, each.get("notes").asText(), "the desk reads the notes");
            }
        });
        assertTrue(waiting.containsAll(ids), "the desk sees both: " + queue);
        assertTrue(queue.get("places").toString().contains("\"site\":\"kw-jm\""), "its free places: " + queue);
        assertEquals(1, free("kw-jm", Kind.CRISIS), "a referral holds no place");

        assertEquals(200, accept(ids.get(0), "kw-jm", Kind.CRISIS).statusCode());
        await().atMost(Duration.ofSeconds(5)).until(() -> free("kw-jm", Kind.CRISIS) == 0);
        HttpResponse<String> conflict = accept(ids.get(1), "kw-jm", Kind.CRISIS);
        assertEquals(409, conflict.statusCode(), conflict.body());
        assertEquals("requested", referral("vo-desk", ids.get(1)).get("state").asText(), "still in the queue");
        assertEquals(200, api.post("/api/v1/referrals/" + ids.get(1) + "/accept", "vo-desk",
                "{\"elsewhere\":true,\"instructions\":\"Opvang in Utrecht; bel 030 000 0000 bij aankomst\"}").statusCode());
        assertTrue(referral("veiligthuis-2", ids.get(1)).get("elsewhere").asBoolean());

        // Withdrawing the accepted one gives up the place.
        HttpResponse<String> withdrawal = api.delete("/api/v1/referrals/" + ids.get(0), "veiligthuis");
        assertEquals(200, withdrawal.statusCode(), withdrawal.body());
        JsonNode withdrawn = ApiClient.parse(withdrawal);
        assertEquals("withdrawn", withdrawn.get("state").asText());
        await().atMost(Duration.ofSeconds(5)).until(() -> free("kw-jm", Kind.CRISIS) == 1);
        assertTrue(referral("vo-desk", ids.get(0)).get("notes").isNull());
        String audit = api.get("/api/v1/audit", "admin").body();
        assertTrue(audit.contains("referral.withdrawn") && audit.contains("referral.accepted"), audit);
        assertFalse(audit.contains(NOTES) || audit.contains(INSTRUCTIONS), "no notes or instructions in the audit log");
    }

    /** Every documented referral path, method and status answers as /openapi.json says (x-tested-by this class). */
    @Test
    void every_documented_referral_path_method_and_status_answers_as_documented() throws Exception {
        OpenApiDocument document = new OpenApiDocument(ApiClient.parse(api.get("/openapi.json", null)));
        String mine = refer("veiligthuis", 1, 0);
        String nobody = java.util.UUID.randomUUID().toString();
        String accept = "{\"site\":\"kw-vo\",\"kind\":\"regular\",\"instructions\":\"Melden bij de politie\"}";
        String refuse = "{\"reason\":\"Vol\"}";
        Map<String, Supplier<HttpResponse<String>>> requests = Map.ofEntries(
                Map.entry("post /api/v1/referrals 201", () -> api.post("/api/v1/referrals", "veiligthuis",
                        "{\"desk\":\"Kwintes\"}")),
                Map.entry("post /api/v1/referrals 400", () -> api.post("/api/v1/referrals", "veiligthuis", "{\"desk\":\"X\"}")),
                Map.entry("post /api/v1/referrals 401", () -> api.post("/api/v1/referrals", null, "{}")),
                Map.entry("post /api/v1/referrals 403", () -> api.post("/api/v1/referrals", "vo-desk", "{}")),
                Map.entry("post /api/v1/referrals 409", () -> api.post("/api/v1/referrals", "veiligthuis",
                        "{\"desk\":\"Kwintes\",\"group\":\"men\"}")),
                Map.entry("get /api/v1/referrals 200", () -> api.get("/api/v1/referrals", "vo-desk")),
                Map.entry("get /api/v1/referrals 401", () -> api.get("/api/v1/referrals", null)),
                Map.entry("get /api/v1/referrals 403", () -> api.get("/api/v1/referrals", "ct")),
                Map.entry("get /api/v1/referrals/stream 400", () -> api.get("/api/v1/referrals/stream", "veiligthuis")),
                Map.entry("get /api/v1/referrals/stream 401", () -> api.send(api.request("/api/v1/referrals/stream", null)
                        .header("Accept", "text/event-stream").GET().build())),
                Map.entry("get /api/v1/referrals/stream 403", () -> api.send(api.request("/api/v1/referrals/stream", "ct")
                        .header("Accept", "text/event-stream").GET().build())),
                Map.entry("get /api/v1/referrals/{id} 200", () -> api.get("/api/v1/referrals/" + mine, "veiligthuis")),
                Map.entry("get /api/v1/referrals/{id} 401", () -> api.get("/api/v1/referrals/" + mine, null)),
                Map.entry("get /api/v1/referrals/{id} 403", () -> api.get("/api/v1/referrals/" + mine, "ct")),
                Map.entry("get /api/v1/referrals/{id} 404", () -> api.get("/api/v1/referrals/" + mine, "veiligthuis-2")),
                Map.entry("delete /api/v1/referrals/{id} 200", () -> api.delete("/api/v1/referrals/"
                        + refer("veiligthuis", 1, 0), "veiligthuis")),
                Map.entry("delete /api/v1/referrals/{id} 401", () -> api.delete("/api/v1/referrals/" + mine, null)),
                Map.entry("delete /api/v1/referrals/{id} 403", () -> api.delete("/api/v1/referrals/" + mine, "vo-desk")),
                Map.entry("delete /api/v1/referrals/{id} 404", () -> api.delete("/api/v1/referrals/" + mine, "veiligthuis-2")),
                Map.entry("delete /api/v1/referrals/{id} 409", () -> api.delete("/api/v1/referrals/" + ended(), "veiligthuis")),
                Map.entry("post /api/v1/referrals/{id}/accept 200", () -> api.post("/api/v1/referrals/"
                        + refer("veiligthuis", 1, 0) + "/accept", "vo-desk", accept)),
                Map.entry("post /api/v1/referrals/{id}/accept 400", () -> api.post("/api/v1/referrals/" + mine + "/accept",
                        "vo-desk", "{\"site\":\"kw-vo\",\"kind\":\"regular\"}")),
                Map.entry("post /api/v1/referrals/{id}/accept 401", () -> api.post("/api/v1/referrals/" + mine + "/accept",
                        null, accept)),
                Map.entry("post /api/v1/referrals/{id}/accept 403", () -> api.post("/api/v1/referrals/" + mine + "/accept",
                        "veiligthuis", accept)),
                Map.entry("post /api/v1/referrals/{id}/accept 404", () -> api.post("/api/v1/referrals/" + nobody + "/accept",
                        "vo-desk", accept)),
                Map.entry("post /api/v1/referrals/{id}/accept 409", () -> api.post("/api/v1/referrals/" + ended() + "/accept",
                        "vo-desk", accept)),
                Map.entry("post /api/v1/referrals/{id}/refuse 200", () -> api.post("/api/v1/referrals/"
                        + refer("veiligthuis", 1, 0) + "/refuse", "vo-desk", refuse)),
                Map.entry("post /api/v1/referrals/{id}/refuse 400", () -> api.post("/api/v1/referrals/" + mine + "/refuse",
                        "vo-desk", "{}")),
                Map.entry("post /api/v1/referrals/{id}/refuse 401", () -> api.post("/api/v1/referrals/" + mine + "/refuse",
                        null, refuse)),
                Map.entry("post /api/v1/referrals/{id}/refuse 403", () -> api.post("/api/v1/referrals/" + mine + "/refuse",
                        "veiligthuis", refuse)),
                Map.entry("post /api/v1/referrals/{id}/refuse 404", () -> api.post("/api/v1/referrals/" + nobody + "/refuse",
                        "vo-desk", refuse)),
                Map.entry("post /api/v1/referrals/{id}/refuse 409", () -> api.post("/api/v1/referrals/" + ended() + "/refuse",
                        "vo-desk", refuse)));
        java.util.TreeSet<String> documented = new java.util.TreeSet<>();
        for (OpenApiDocument.Case each : document.cases(ReferralApiTest.class, List.of("get", "post", "delete"))) {
            documented.add(each.key());
            if (each.key().equals("get /api/v1/referrals/stream 200")) {
                firstStreamEvent(document, each.response().get("content").get("text/event-stream").get("x-events"));
            } else {
                document.check(each.key(), requests.get(each.key()), each.response());
            }
        }
        documented.remove("get /api/v1/referrals/stream 200");
        assertEquals(new java.util.TreeSet<>(requests.keySet()), documented, "every case is documented and called");
        api.delete("/api/v1/referrals/" + mine, "veiligthuis");
    }

    private static String ended() {
        String id = refer("veiligthuis", 1, 0);
        api.delete("/api/v1/referrals/" + id, "veiligthuis");
        return id;
    }

    private static void firstStreamEvent(OpenApiDocument document, JsonNode events) throws Exception {
        java.net.http.HttpRequest request = api.request("/api/v1/referrals/stream", "vo-desk")
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.io.InputStream> response = api.http().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            assertEquals("event: referrals", lines.readLine());
            String data = lines.readLine();
            assertTrue(data.startsWith("data: "), data);
            document.validate(events.get("referrals"), ApiClient.parse(data.substring(6)), "referrals event");
        }
    }

    private static String refer(String worker, int adults, int children) {
        HttpResponse<String> created = api.post("/api/v1/referrals", worker, write(Map.of("desk", "Kwintes",
                "urgency", "immediate", "adults", adults, "children", children, "notes", NOTES)));
        assertEquals(201, created.statusCode(), created.body());
        return ApiClient.parse(created).get("id").asText();
    }

    private static HttpResponse<String> accept(String id, String site, Kind kind) {
        return api.post("/api/v1/referrals/" + id + "/accept", "vo-desk", write(Map.of("site", site, "kind",
                kind.wire(), "instructions", INSTRUCTIONS)));
    }

    private static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode referral(String as, String id) {
        HttpResponse<String> one = api.get("/api/v1/referrals/" + id, as);
        assertEquals(200, one.statusCode(), one.body());
        return ApiClient.parse(one);
    }

    private static int free(String site, Kind kind) {
        return hub.inProcess().projection().snapshot().locations().get(site).kinds().stream()
                .filter(each -> each.kind() == kind).mapToInt(KindAvailability::free).sum();
    }

    private static int vo(Kind kind) {
        return hub.inProcess().registry().locations().stream().filter(location -> location.audience().vo())
                .mapToInt(location -> free(location.code(), kind)).sum();
    }

    private static List<Kind> kinds(Location location) {
        return location.nodes().stream().map(NodeSpec::places).flatMap(List::stream).map(PlaceSpec::kind).distinct()
                .toList();
    }
}
