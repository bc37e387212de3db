package nl.opvang.hub.placement;

import static nl.opvang.hub.placement.PlacementFixture.CT;
import static nl.opvang.hub.placement.PlacementFixture.NIGHT_TEST;
import static nl.opvang.hub.placement.PlacementFixture.OTHER_VT;
import static nl.opvang.hub.placement.PlacementFixture.VEILIG_THUIS;
import static nl.opvang.hub.placement.PlacementFixture.VO_DESK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.opvang.hub.http.Principal;
import nl.opvang.protocol.Payload;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holds' HTTP interface on a real server, with real HTTP clients and threads. */
class HoldApiTest {
    private static final String ANY_CRISIS = "{\"site\":null,\"kind\":\"crisis\",\"bed\":null}";

    @TempDir
    Path dataDir;
    HoldHttpFixture hub;

    @BeforeEach
    void start() {
        hub = new HoldHttpFixture(dataDir);
        hub.store.testLocationLive();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void fifty_concurrent_requests_for_the_last_free_crisis_place_get_one_201_and_49_409() throws Exception {
        Map<Integer, Integer> statuses = race(50, CT, ANY_CRISIS);

        assertEquals(Map.of(201, 1, 409, 49), statuses);
        assertEquals(1, hub.store.hub.count("SELECT COUNT(*) FROM hold"));
        assertEquals(0, hub.store.free("test", nl.opvang.protocol.Kind.CRISIS));
    }

    @Test
    void fifty_concurrent_requests_for_the_last_free_count_only_place_get_one_201_and_49_409() throws Exception {
        hub.store.noodbeddenLive(3, 2);

        Map<Integer, Integer> statuses = race(50, CT, "{\"site\":\"noodbedden\",\"kind\":\"nood\"}");

        assertEquals(Map.of(201, 1, 409, 49), statuses);
        assertEquals(1, hub.store.held("noodbedden", nl.opvang.protocol.Kind.NOOD));
    }

    private Map<Integer, Integer> race(int requests, Principal as, String body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch ready = new CountDownLatch(requests);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return hub.post("/api/v1/holds", as, body).statusCode();
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            go.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(30, TimeUnit.SECONDS), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void without_a_login_the_answer_is_401_and_with_the_wrong_role_403() {
        assertEquals(401, hub.post("/api/v1/holds", null, ANY_CRISIS).statusCode());
        assertEquals(401, hub.get("/api/v1/holds", null).statusCode());
        HttpResponse<String> desk = hub.post("/api/v1/holds", VO_DESK, ANY_CRISIS);
        assertEquals(403, desk.statusCode());
        assertTrue(hub.parse(desk).get("error").asText().contains("Alleen CT"));
        HttpResponse<String> vt = hub.post("/api/v1/holds", VEILIG_THUIS, ANY_CRISIS);
        assertEquals(403, vt.statusCode(), "Veilig Thuis refers to the vrouwenopvang instead (issue 14)");
        assertTrue(hub.parse(vt).get("error").asText().contains("aanmelding bij de vrouwenopvang"), vt.body());
        assertEquals(0, hub.store.hub.count("SELECT COUNT(*) FROM hold"));
        assertEquals(400, hub.post("/api/v1/holds", CT, "{\"kind\":\"bed\"}").statusCode());
        assertEquals(400, hub.post("/api/v1/holds", CT, "not json").statusCode());
    }

    @Test
    void a_wrong_role_is_refused_403_before_its_body_is_read() {
        String id = hub.parse(hub.post("/api/v1/holds", CT, "{\"site\":\"test\",\"kind\":\"crisis\"}")).get("id").asText();

        HttpResponse<String> accept = hub.post("/api/v1/holds/" + id + "/accept", CT, "not json");
        assertEquals(403, accept.statusCode(), accept.body());
        assertEquals(403, hub.post("/api/v1/holds/" + id + "/refuse", VEILIG_THUIS, "{\"reason\":5}").statusCode());
        assertEquals(403, hub.post("/api/v1/holds/" + id + "/refuse", OTHER_VT, "{\"reason\":\"Vol\"}").statusCode(),
                "a role that never answers holds is refused before the hold is looked up");
        HttpResponse<String> create = hub.post("/api/v1/holds", VO_DESK, "not json");
        assertEquals(403, create.statusCode(), create.body());
        assertTrue(hub.parse(create).get("error").asText().contains("Alleen CT"));
    }

    @Test
    void the_requester_reads_the_instructions_others_never_do() {
        JsonNode created = hub.parse(hub.post("/api/v1/holds", CT, ANY_CRISIS));
        String id = created.get("id").asText();
        assertEquals("requested", created.get("state").asText());
        assertEquals("test", created.get("site").asText());
        assertEquals("033 000 0000", created.get("phone").asText());

        HttpResponse<String> accepted = hub.post("/api/v1/holds/" + id + "/accept", NIGHT_TEST,
                "{\"instructions\":\"Melden bij de achteringang, vraag naar de nachtdienst\"}");
        assertEquals(200, accepted.statusCode(), accepted.body());

        JsonNode mine = hub.parse(hub.get("/api/v1/holds/" + id, CT));
        assertEquals("accepted", mine.get("state").asText());
        assertEquals("Melden bij de achteringang, vraag naar de nachtdienst", mine.get("instructions").asText());
        JsonNode location = hub.parse(hub.get("/api/v1/holds/" + id, NIGHT_TEST));
        assertTrue(location.get("instructions").isNull(), "the location wrote them, it does not read them back");
        assertEquals("Testlocatie", location.get("location").asText());
        assertFalse(hub.get("/api/v1/holds", NIGHT_TEST).body().contains("achteringang"), "never in lists");
        assertFalse(hub.get("/api/v1/holds", CT).body().contains("achteringang"));
        assertEquals(404, hub.get("/api/v1/holds/" + id, OTHER_VT).statusCode());
        assertEquals(0, hub.parse(hub.get("/api/v1/holds", OTHER_VT)).get("holds").size());
        assertEquals(1, hub.parse(hub.get("/api/v1/holds", CT)).get("holds").size());
    }

    @Test
    void delete_cancels_for_the_requester_and_the_place_is_free_again() {
        String id = hub.parse(hub.post("/api/v1/holds", CT, "{\"site\":\"test\",\"kind\":\"crisis\",\"bed\":\"T5\"}"))
                .get("id").asText();
        assertEquals(409, hub.post("/api/v1/holds", CT, "{\"site\":\"test\",\"kind\":\"crisis\",\"bed\":\"T5\"}").statusCode());

        HttpResponse<String> cancelled = hub.delete("/api/v1/holds/" + id, CT);

        assertEquals(200, cancelled.statusCode());
        assertEquals("cancelled", hub.parse(cancelled).get("state").asText());
        assertEquals(409, hub.delete("/api/v1/holds/" + id, CT).statusCode());
        assertEquals(201, hub.post("/api/v1/holds", CT, "{\"site\":\"test\",\"kind\":\"crisis\",\"bed\":\"T5\"}").statusCode());
        assertEquals(404, hub.get("/api/v1/holds/not-a-uuid", CT).statusCode());
    }

    @Test
    void the_vo_desk_sees_requests_for_its_providers_locations_only() {
        hub.post("/api/v1/holds", CT, "{\"site\":\"test\",\"kind\":\"regular\"}");

        assertEquals(0, hub.parse(hub.get("/api/v1/holds", VO_DESK)).get("holds").size(), "Kwintes does not run the test site");
        JsonNode forNight = hub.parse(hub.get("/api/v1/holds", NIGHT_TEST)).get("holds").get(0);
        assertTrue(forNight.get("mayAnswer").asBoolean());
        assertEquals(200, hub.post("/api/v1/holds/" + forNight.get("id").asText() + "/refuse", NIGHT_TEST,
                "{\"reason\":\"Vol\"}").statusCode());
    }

    @Test
    void veilig_thuis_sees_crisis_places_per_region_as_counts_with_the_24_7_number() {
        JsonNode regions = hub.parse(hub.get("/api/v1/crisis-places", VEILIG_THUIS)).get("regions");
        assertEquals(1, regions.size());
        assertEquals(0, regions.get(0).get("free").asInt(), "the live test location is MO: it never counts (issue 14)");
        hub.store.deliver(VtPageBrowserTest.youngMothersLive());

        regions = hub.parse(hub.get("/api/v1/crisis-places?adults=1&children=1", VEILIG_THUIS)).get("regions");
        assertEquals(1, regions.size());
        assertEquals("Regio Amersfoort", regions.get(0).get("name").asText());
        assertEquals("Kwintes", regions.get(0).get("desk").asText());
        assertEquals(1, regions.get(0).get("free").asInt(), "only the live VO location counts");
        assertEquals("088 000 0200 (24/7)", regions.get(0).get("phones").get(0).asText());
        String body = hub.get("/api/v1/crisis-places", VEILIG_THUIS).body();
        assertFalse(body.contains("Vrouwenopvang") || body.contains("kw-") || body.contains("Jonge moeders")
                || body.contains("Testlocatie"), body);
        assertEquals(400, hub.get("/api/v1/crisis-places?children=-1", VEILIG_THUIS).statusCode());
        assertEquals(403, hub.get("/api/v1/crisis-places", VO_DESK).statusCode());
    }

    @Test
    void the_stream_tells_the_requester_every_change_and_others_nothing() throws Exception {
        List<String> mine = new CopyOnWriteArrayList<>();
        List<String> other = new CopyOnWriteArrayList<>();
        Thread reader = stream(CT, mine);
        Thread otherReader = stream(OTHER_VT, other);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> mine.size() == 1 && other.size() == 1);
        assertTrue(mine.get(0).startsWith("holds "), mine.get(0));

        String id = hub.parse(hub.post("/api/v1/holds", CT, ANY_CRISIS)).get("id").asText();
        hub.store.deliver(hub.store.test.next(new Payload.HoldAccepted(java.util.UUID.fromString(id), "T5",
                "Melden bij de zijdeur-canary")));

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> mine.size() == 3);
        assertTrue(mine.get(1).contains("\"state\":\"requested\""), mine.get(1));
        assertTrue(mine.get(2).contains("\"state\":\"accepted\""), mine.get(2));
        assertTrue(mine.stream().noneMatch(frame -> frame.contains("canary")), "frames carry no instructions");
        assertEquals(1, other.size());
        reader.interrupt();
        otherReader.interrupt();
    }

    /** Reads {@code event data} lines of the holds stream into {@code frames}, on its own thread. */
    private Thread stream(Principal as, List<String> frames) {
        Thread thread = new Thread(() -> {
            try {
                HttpResponse<InputStream> response = hub.http.send(hub.request("/api/v1/holds/stream", as)
                        .timeout(Duration.ofMinutes(1)).header("Accept", "text/event-stream").GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String event = null;
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith("event:")) {
                            event = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                            frames.add(event + " " + line.substring(5).strip());
                        }
                    }
                }
            } catch (Exception e) {
                // The test ended the stream.
            }
        }, "test-sse");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
