package nl.opvang.hub.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.testkit.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capacity calendar's HTTP interface on a real server and store: plans, refusals that change nothing, roles. */
class CapacityApiTest {
    @TempDir
    Path dataDir;
    CapacityFixture hub;
    Messages test = new Messages("test", "test-1");

    @BeforeEach
    void start() {
        hub = new CapacityFixture(dataDir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private String at(Duration fromNow) {
        return hub.clock.instant().plus(fromNow).toString();
    }

    private String plan(String site, String kind, int capacity, String from, String until) {
        return "{\"site\":\"" + site + "\",\"kind\":\"" + kind + "\",\"capacity\":" + capacity + ",\"from\":"
                + (from == null ? "null" : "\"" + from + "\"") + ",\"until\":" + (until == null ? "null" : "\"" + until + "\"")
                + ",\"reason\":\"Corona: anderhalve meter afstand\"}";
    }

    @Test
    void ct_plans_smallepads_corona_cut_and_the_calendar_shows_it_planned_then_active_and_unconfirmed() {
        HttpResponse<String> created = hub.post("/api/v1/capacity-changes", "ct",
                plan("smallepad", "regular", 20, at(Duration.ofHours(1)), at(Duration.ofDays(30))));

        assertEquals(201, created.statusCode(), created.body());
        JsonNode change = hub.parse(created);
        assertEquals("planned", change.get("state").asText());
        assertEquals(20, change.get("capacity").asInt());
        assertEquals(43, change.get("configured").asInt());
        assertTrue(change.get("confirmed").isNull());
        assertEquals("/api/v1/capacity-changes/" + change.get("id").asLong(), created.headers().firstValue("Location").orElseThrow());
        List<AuditLog.Entry> audited = hub.audit.entries(hub.database, "capacity.planned", 10);
        assertEquals(1, audited.size());
        assertEquals("ct", audited.get(0).actor());
        assertEquals("smallepad", audited.get(0).subject());
        assertTrue(audited.get(0).detail().contains("Corona: anderhalve meter afstand"), audited.get(0).detail());

        hub.clock.advance(Duration.ofHours(1));
        JsonNode calendar = hub.parse(hub.get("/api/v1/capacity-changes", "ct"));

        JsonNode listed = calendar.get("changes").get(0);
        assertEquals("active", listed.get("state").asText());
        assertFalse(listed.get("confirmed").asBoolean(), "the node still reports its 43 beds");
        assertEquals(43, listed.get("reported").asInt());
        assertEquals("Smallepad", listed.get("name").asText());
    }

    @Test
    void every_refusal_is_a_dutch_error_and_changes_nothing() {
        // Three guests at the test location now; one change planned at Smallepad to overlap with.
        hub.deliver(test.testBirth(), test.checkIn("T1", Messages.token(1)), test.checkIn("T2", Messages.token(2)),
                test.checkIn("T3", Messages.token(3)));
        assertEquals(201, hub.post("/api/v1/capacity-changes", "ct",
                plan("smallepad", "regular", 20, at(Duration.ofDays(1)), at(Duration.ofDays(10)))).statusCode());
        String before = hub.state();
        record Case(String body, int status, String says) {
        }
        List<Case> cases = List.of(
                new Case(plan("smallepad", "regular", 30, at(Duration.ofMinutes(-5)), null), 400, "verleden"),
                new Case(plan("smallepad", "regular", 30, at(Duration.ofDays(20)), at(Duration.ofDays(19))), 400,
                        "moet na het begin"),
                new Case(plan("nowhere", "regular", 3, null, null), 400, "Onbekende locatie"),
                new Case(plan("smallepad", "bunk", 3, null, null), 400, "Onbekende soort"),
                new Case(plan("smallepad", "crisis", 1, null, null), 400, "heeft geen"),
                new Case(plan("smallepad", "regular", 44, at(Duration.ofDays(20)), null), 400,
                        "geen bedden bij komen die er niet zijn"),
                new Case(plan("noodbedden", "nood", 11, at(Duration.ofDays(20)), null), 400, "hoogstens 10"),
                new Case(plan("smallepad", "regular", -1, null, null), 400, "0 of meer"),
                new Case(plan("test", "regular", 2, null, null), 409, "Er zijn nu 3"),
                new Case(plan("smallepad", "regular", 25, at(Duration.ofDays(5)), at(Duration.ofDays(12))), 409,
                        "Er is al een wijziging voor Smallepad"),
                new Case(plan("smallepad", "regular", 25, at(Duration.ofDays(2)), null), 409, "Er is al een wijziging"),
                new Case("{\"site\":\"smallepad\",\"kind\":\"regular\",\"capacity\":20}", 400, "Geef een reden"),
                new Case("{\"site\":\"smallepad\",\"kind\":\"regular\",\"capacity\":20,\"from\":\"morgen\","
                        + "\"reason\":\"x\"}", 400, "geen tijd"),
                new Case("niet json", 400, "JSON"));

        for (Case each : cases) {
            HttpResponse<String> answer = hub.post("/api/v1/capacity-changes", "ct", each.body());

            assertEquals(each.status(), answer.statusCode(), each.body() + " → " + answer.body());
            String error = hub.parse(answer).get("error").asText();
            assertTrue(error.contains(each.says()), each.body() + " → " + error);
            assertEquals(before, hub.state(), "nothing changed after " + each.body());
        }
        // Below what is occupied is fine when it starts later: the node closes beds as guests leave.
        assertEquals(201, hub.post("/api/v1/capacity-changes", "ct", plan("test", "regular", 2, at(Duration.ofHours(2)), null))
                .statusCode());
    }

    @Test
    void twenty_concurrent_overlapping_plans_give_one_201_and_nineteen_409() throws Exception {
        String body = plan("smallepad", "regular", 20, at(Duration.ofHours(1)), at(Duration.ofDays(3)));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return hub.post("/api/v1/capacity-changes", "ct", body).statusCode();
                }));
            }
            go.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(30, TimeUnit.SECONDS), 1, Integer::sum);
            }

            assertEquals(Map.of(201, 1, 409, 19), statuses);
            assertEquals(1, hub.parse(hub.get("/api/v1/capacity-changes", "ct")).get("changes").size());
            assertEquals(1, hub.audit.entries(hub.database, "capacity.planned", 50).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void veilig_thuis_night_staff_and_vo_desk_get_403_and_change_nothing_admin_may() {
        long id = hub.parse(hub.post("/api/v1/capacity-changes", "ct",
                plan("smallepad", "regular", 20, at(Duration.ofDays(1)), null))).get("id").asLong();
        String before = hub.state();

        for (String user : List.of("veiligthuis", "nacht-test", "vo-desk")) {
            List<HttpResponse<String>> answers = List.of(hub.get("/api/v1/capacity-changes", user),
                    hub.post("/api/v1/capacity-changes", user, plan("smallepad", "regular", 10, at(Duration.ofDays(40)), null)),
                    hub.delete("/api/v1/capacity-changes/" + id, user),
                    hub.post("/api/v1/locations/test/retire", user, "{\"reason\":\"Sluit\"}"));
            for (HttpResponse<String> answer : answers) {
                assertEquals(403, answer.statusCode(), user + " " + answer.request().uri());
                assertEquals("Alleen CT en beheer kunnen de capaciteit van locaties wijzigen",
                        hub.parse(answer).get("error").asText());
            }
            assertEquals(before, hub.state(), user);
        }
        assertEquals(401, hub.get("/api/v1/capacity-changes", null).statusCode());
        assertEquals(201, hub.post("/api/v1/capacity-changes", "admin",
                plan("kleinehaag", "regular", 15, at(Duration.ofDays(1)), null)).statusCode());
    }

    @Test
    void a_planned_change_is_cancelled_once_and_audited_with_who_and_why() {
        long id = hub.parse(hub.post("/api/v1/capacity-changes", "ct",
                plan("smallepad", "regular", 20, at(Duration.ofDays(1)), null))).get("id").asLong();

        HttpResponse<String> cancelled = hub.send(hub.request("/api/v1/capacity-changes/" + id, "ct")
                .header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString("{\"reason\":\"Toch niet nodig\"}")).build());

        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", hub.parse(cancelled).get("state").asText());
        assertEquals("ct", hub.parse(cancelled).get("cancelledBy").asText());
        AuditLog.Entry audited = hub.audit.entries(hub.database, "capacity.cancelled", 1).get(0);
        assertTrue(audited.detail().contains("Toch niet nodig"), audited.detail());
        String before = hub.state();
        HttpResponse<String> again = hub.delete("/api/v1/capacity-changes/" + id, "ct");
        assertEquals(409, again.statusCode());
        assertEquals("Deze wijziging is al ingetrokken", hub.parse(again).get("error").asText());
        assertEquals(404, hub.delete("/api/v1/capacity-changes/999", "ct").statusCode());
        assertEquals(404, hub.delete("/api/v1/capacity-changes/abc", "ct").statusCode());
        assertEquals(before, hub.state());
        // The cancelled change no longer blocks its time.
        assertEquals(201, hub.post("/api/v1/capacity-changes", "ct",
                plan("smallepad", "regular", 25, at(Duration.ofDays(1)), null)).statusCode());
    }

    @Test
    void an_ended_change_cannot_be_cancelled() {
        long id = hub.parse(hub.post("/api/v1/capacity-changes", "ct",
                plan("smallepad", "regular", 20, null, at(Duration.ofHours(2))))).get("id").asLong();
        hub.clock.advance(Duration.ofHours(3));

        HttpResponse<String> answer = hub.delete("/api/v1/capacity-changes/" + id, "ct");

        assertEquals(409, answer.statusCode());
        assertEquals("Deze wijziging is al voorbij", hub.parse(answer).get("error").asText());
        assertEquals("ended", hub.parse(hub.get("/api/v1/capacity-changes", "ct")).get("changes").get(0).get("state").asText());
    }

    @Test
    void the_region_shows_veenendaal_left_for_mo_in_2022_and_stays_for_the_vrouwenopvang() {
        JsonNode region = hub.parse(hub.get("/api/v1/region", "nacht-test"));

        assertEquals("amersfoort", region.get("code").asText());
        JsonNode mo = null;
        JsonNode vo = null;
        for (JsonNode member : region.get("municipalities")) {
            if (member.get("name").asText().equals("Veenendaal")) {
                if (member.get("domains").toString().equals("[\"mo\"]")) {
                    mo = member;
                } else {
                    vo = member;
                }
            }
        }
        assertEquals("2022-01-01", mo.get("until").asText());
        assertFalse(mo.get("mo").asBoolean());
        assertTrue(vo.get("vo").asBoolean());
        assertEquals(Instant.parse("2026-12-07T10:00:00Z").toString().substring(0, 10), region.get("today").asText());
    }
}
