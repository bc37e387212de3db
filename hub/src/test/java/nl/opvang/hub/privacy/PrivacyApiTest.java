package nl.opvang.hub.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import nl.opvang.gateway.Inbound;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.ingest.EventStore;
import nl.opvang.hub.ingest.HoldHook;
import nl.opvang.hub.ingest.LostEvents;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.monitoring.Answer;
import nl.opvang.hub.monitoring.Figure;
import nl.opvang.hub.monitoring.LedgerStore;
import nl.opvang.hub.monitoring.Monitoring;
import nl.opvang.hub.monitoring.Row;
import nl.opvang.hub.report.OccupancyReport;
import nl.opvang.hub.retention.Retention;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.hub.testkit.OpenApiDocument;
import nl.opvang.hub.web.HttpLimits;
import nl.opvang.hub.web.WebFixture;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.sql.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rights requests on a real server with real ingest (docs/DESIGN.md §5): requests arrive as privacy_request events,
 * the privacy officer sees them with their deadline, exports, erases and restricts; every documented status of
 * {@code /api/v1/privacy/...} is checked against the OpenAPI document.
 */
class PrivacyApiTest {
    static final String PATH = "/api/v1/privacy/requests";
    static final UUID ACCESS = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    static final UUID UNKNOWN = UUID.fromString("1a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    static final UUID ERASURE = UUID.fromString("2a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    static final UUID RESTRICTION = UUID.fromString("3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    static final UUID ACCESS_AFTER = UUID.fromString("4a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    static final UUID HOLD = UUID.fromString("5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    /** The CT worker who asked for the place: staff, named in the hold, never in a client's export. */
    static final String PLACER = "Carla Centrale";

    @TempDir
    Path dataDir;
    WebFixture hub;
    AuditLog audit;
    PrivacyRequests requests;
    EventStore store;
    Monitoring monitoring;
    final Messages test = new Messages("test", "test-1");
    String officer;
    String admin;

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir, true, HttpLimits.of(0, List.of()), database -> {
            audit = new AuditLog(Clock.systemUTC());
            Registry registry = Registry.load(database, "amersfoort");
            requests = new PrivacyRequests(database, registry, audit, new PrivacyLog(PrivacyLog.file(dataDir, null)), Clock.systemUTC());
            return List.of(new PrivacyRoutes(requests, registry));
        });
        hub.account("privacy", Role.PRIVACY, null);
        hub.account("beheer", Role.ADMIN, null);
        officer = hub.login("privacy");
        admin = hub.login("beheer");
        store = new EventStore(hub.database, hub.registry, hub.projection, hub.clock, Duration.ofSeconds(2), hub.metrics,
                HoldHook.NONE, new LostEvents(new AuditLog(hub.clock), hub.metrics), new LedgerStore());
        monitoring = new Monitoring(hub.database, hub.registry, RegionFile.resource(RegionFile.SEED).municipalities(),
                hub.clock);
        // Jonge moeders: a secret location whose own name is not its provider's "Vrouwenopvang".
        Messages secret = new Messages("kw-jm", "kw-jm-1");
        store(test.testBirth(), test.checkIn("T1", Messages.token(1)), test.checkOut("T1", Messages.token(1)),
                secret.next(secretBirth()));
        hub.database.transaction(c -> Sql.update(c, """
                INSERT INTO hold (id, site, node, kind, bed, state, requester_id, requester_name, requester_role,
                    created_ms, expires_ms) VALUES (?, 'kw-jm', 'kw-jm-1', 'regular', 'J1', 'fulfilled', 1, ?, 'ct', ?, ?)""",
                HOLD.toString(), PLACER, hub.clock.millis(), hub.clock.millis() + 3_600_000));
        store(secret.next(new Payload.CheckIn("J1", null, Messages.token(1), "0307", HOLD)),
                // Another guest of the same secret location, from Baarn: nothing of them is in token 1's export.
                secret.next(new Payload.CheckIn("J2", null, Messages.token(3), "0308", null)),
                test.checkIn("T2", Messages.token(2)),
                test.next(new Payload.PrivacyRequest("access", Messages.token(1), ACCESS)),
                test.next(new Payload.PrivacyRequest("access", Messages.token(99), UNKNOWN)),
                test.next(new Payload.PrivacyRequest("erasure", Messages.token(1), ERASURE)),
                test.next(new Payload.PrivacyRequest("restriction", Messages.token(2), RESTRICTION)),
                test.next(new Payload.PrivacyRequest("access", Messages.token(1), ACCESS_AFTER)));
    }

    private static Payload.Birth secretBirth() {
        List<Payload.BedState> beds = new ArrayList<>();
        for (int bed = 1; bed <= 8; bed++) {
            beds.add(new Payload.BedState("J" + bed, Kind.REGULAR, PlaceStatus.FREE));
        }
        beds.add(new Payload.BedState("JC1", Kind.CRISIS, PlaceStatus.FREE));
        return new Payload.Birth("test", 30, beds, List.of());
    }

    private void store(NodeMessage... messages) {
        store.store(List.of(messages).stream().map(m -> new Inbound(m, hub.clock.instant(), System.nanoTime())).toList());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private JsonNode get(String path, String token) {
        HttpResponse<String> response = hub.get(path, token);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return hub.parse(response.body());
    }

    @Test
    void the_officer_sees_the_requests_with_a_deadline_one_month_on_and_the_admin_sees_them_too() {
        JsonNode list = get(PATH, officer).get("requests");
        assertEquals(5, list.size());
        JsonNode first = list.get(0);
        assertTrue(first.get("open").asBoolean());
        assertTrue(first.get("reference").asText().matches("P-[0-9A-F]{4}-[0-9A-F]{4}"));
        Instant received = Instant.parse(first.get("receivedAt").asText());
        Instant deadline = Instant.parse(first.get("deadline").asText());
        assertTrue(Duration.between(received, deadline).toDays() >= 28, "one month");
        assertEquals(5, get(PATH, admin).get("requests").size());
        assertEquals(403, hub.get(PATH + "/" + ACCESS + "/export", admin).statusCode(), "admins see no client data");
        assertEquals(403, hub.get(PATH, hub.ctToken).statusCode());
        assertTrue(hub.get(PATH, hub.ctToken).body().contains("error"));
    }

    @Test
    void an_access_export_names_the_stays_and_a_secret_location_only_as_its_providers_vrouwenopvang() {
        JsonNode export = get(PATH + "/" + ACCESS + "/export", officer);
        assertTrue(export.get("found").asBoolean());
        assertEquals(3, export.get("stays").size(), export.toString());
        String text = export.toString();
        List<String> where = new ArrayList<>();
        export.get("stays").forEach(stay -> where.add(stay.get("what").asText() + " " + stay.get("location").asText()
                + " " + stay.get("origin").asText()));
        assertEquals(List.of("Ingecheckt Testlocatie 0307", "Ingecheckt Vrouwenopvang (Kwintes) 0307",
                "Uitgecheckt Testlocatie null"), where.stream().sorted().toList(), text);
        assertEquals(1, export.get("holds").size(), "the hold the check-in fulfilled: " + text);
        JsonNode hold = export.get("holds").get(0);
        assertEquals("Vrouwenopvang (Kwintes)", hold.get("location").asText());
        assertFalse(hold.get("requestedBy").asText().isBlank());
        // Privacy canary: nothing of the secret location but its provider (no name, code, bed), no other guest (their
        // bed, origin, token), no token, no staff name.
        for (String never : List.of("Jonge moeders", "kw-jm", "J1", "J2", "0308", "T1", "T2", Messages.token(1),
                Messages.token(2), Messages.token(3), PLACER, "privacy\"", "k1:")) {
            assertFalse(text.contains(never), never + " in " + text);
        }
        List<String> asked = new ArrayList<>();
        export.get("requests").forEach(request -> asked.add(request.get("right").asText() + " "
                + request.get("location").asText()));
        assertEquals(List.of("Inzage Testlocatie", "Inzage Testlocatie", "Verwijderen Testlocatie"),
                asked.stream().sorted().toList(), "the person's own requests are held under the pass too: " + text);
        assertEquals(1, export.get("reads").size(), "the export itself is listed as read");
        AuditLog.Entry entry = audit.entries(hub.database, PrivacyRequests.EXPORT, 1).get(0);
        assertEquals("privacy", entry.actor());
        assertFalse((entry.subject() + entry.detail()).contains("k1:"));
    }

    /**
     * No probing (issue 17): a pass the hub never saw (a wrong pass number) and a pass whose data was erased get the
     * very same answer, and in about the same time: the two are asked in turn and their median times compared.
     */
    @Test
    void a_pass_the_hub_never_saw_and_a_pass_whose_data_was_erased_get_the_very_same_answer() {
        String unknown = hub.get(PATH + "/" + UNKNOWN + "/export", officer).body();
        assertFalse(hub.parse(unknown).get("found").asBoolean());
        assertTrue(unknown.contains("Niets gevonden"));

        HttpResponse<String> erased = hub.post(PATH + "/" + ERASURE + "/carry-out", Map.of(), officer);
        assertEquals(200, erased.statusCode(), erased.body());
        assertTrue(hub.parse(erased.body()).get("outcome").asText().startsWith("Verwijderd"));

        assertEquals(unknown, hub.get(PATH + "/" + ACCESS_AFTER + "/export", officer).body());
        assertEquals(unknown, hub.get(PATH + "/" + ACCESS + "/export", officer).body());
        assertEquals(409, hub.post(PATH + "/" + ERASURE + "/carry-out", Map.of(), officer).statusCode());

        List<Long> never = new ArrayList<>();
        List<Long> gone = new ArrayList<>();
        for (int round = 0; round < 25; round++) {
            never.add(timed(PATH + "/" + UNKNOWN + "/export", unknown));
            gone.add(timed(PATH + "/" + ACCESS_AFTER + "/export", unknown));
        }
        long difference = Math.abs(median(never) - median(gone));
        assertTrue(difference < Duration.ofMillis(20).toNanos(), "median " + median(never) / 1000 + " µs against "
                + median(gone) / 1000 + " µs");
        assertEquals(List.of("Niets gevonden", "Niets gevonden"), List.of(
                hub.parse(hub.post(PATH + "/" + UNKNOWN + "/carry-out", Map.of(), officer).body()).get("outcome").asText(),
                hub.parse(hub.post(PATH + "/" + ACCESS_AFTER + "/carry-out", Map.of(), officer).body()).get("outcome")
                        .asText()), "the same outcome on the list too");
    }

    private long timed(String path, String expected) {
        long start = System.nanoTime();
        HttpResponse<String> response = hub.get(path, officer);
        long took = System.nanoTime() - start;
        assertEquals(expected, response.body());
        return took;
    }

    private static long median(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Erasure keeps the figures already counted (issue 17, docs/MONITORING.md "Retention"): the anonymous counts of
     * retention and every monitoring figure about stays, nights, origins, destinations and lengths stay as they were;
     * only a count of distinct clients, which needs the token, becomes an estimate (each unlinked stay one client).
     */
    @Test
    void an_erasure_keeps_the_figures_already_counted() {
        Map<Figure, Answer> before = new java.util.EnumMap<>(Figure.class);
        for (Figure figure : Figure.values()) {
            before.put(figure, figures(figure));
        }
        assertEquals(3, count(before.get(Figure.CLIENTS), "unique_clients"), "tokens 1, 2 and 3");
        assertFalse(before.get(Figure.CLIENTS).estimate());

        hub.post(PATH + "/" + ERASURE + "/carry-out", Map.of(), officer);

        Retention retention = new Retention(hub.database, audit, hub.clock);
        int checkIns = retention.counts().stream().mapToInt(Retention.StayCount::checkIns).sum();
        int checkOuts = retention.counts().stream().mapToInt(Retention.StayCount::checkOuts).sum();
        assertEquals(2, checkIns, "both check-ins of the erased pass stay counted, anonymously");
        assertEquals(1, checkOuts);
        List<String> distinct = List.of("unique_clients", "returning", "clients_n_stays");
        for (Figure figure : Figure.values()) {
            Answer after = figures(figure);
            assertEquals(rows(before.get(figure), distinct), rows(after, distinct), figure + " after the erasure");
        }
        Answer clients = figures(Figure.CLIENTS);
        // Token 1's stay at the test location slept no night (out a second after in), so its J1 stay is one client, as
        // before; had it two stays in the period, they would count as two.
        assertEquals(3, count(clients, "unique_clients"));
        assertTrue(clients.estimate(), "the answer says the count of clients is an estimate now");
    }

    /** A figure as the CT sees it, from the first of the month of the stays (Messages' times) to today. */
    private Answer figures(Figure figure) {
        return monitoring.answer(figure, Map.of("van", "2026-11-01")::get, false);
    }

    private static List<Row> rows(Answer answer, List<String> without) {
        return answer.rows().stream().filter(row -> !without.contains(row.code())).toList();
    }

    private static long count(Answer answer, String code) {
        return answer.rows().stream().filter(row -> row.code().equals(code)).findFirst().orElseThrow().cell().count();
    }

    @Test
    void a_restriction_is_set_and_lifted_each_audited_and_lifting_twice_is_refused() {
        JsonNode restricted = hub.parse(hub.post(PATH + "/" + RESTRICTION + "/carry-out", Map.of(), officer).body());
        assertTrue(restricted.get("restricted").asBoolean(), restricted.toString());
        assertEquals(2, count(figures(Figure.CLIENTS), "unique_clients"),
                "the restricted client is in no figure");
        // Staff check the restricted guest out without the pass: not on the report either.
        store(test.next(new Payload.CheckOut("T2", null, Messages.token(2), null, true),
                Instant.parse("2026-11-25T09:00:00Z")));
        OccupancyReport report = new OccupancyReport(hub.database, hub.registry, hub.clock);
        assertEquals(0, report.lastWeeks(26).nights().stream().mapToInt(OccupancyReport.Night::withoutPass).sum(),
                "the report's check-outs without the pass leave the restricted guest out");
        JsonNode lifted = hub.parse(hub.post(PATH + "/" + RESTRICTION + "/lift", Map.of(), officer).body());
        assertFalse(lifted.get("restricted").asBoolean());
        assertEquals(3, count(figures(Figure.CLIENTS), "unique_clients"), "lifted");
        assertEquals(1, report.lastWeeks(26).nights().stream().mapToInt(OccupancyReport.Night::withoutPass).sum());
        HttpResponse<String> again = hub.post(PATH + "/" + RESTRICTION + "/lift", Map.of(), officer);
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("geen beperking"));
        assertEquals(1, audit.entries(hub.database, PrivacyRequests.LIFT, 10).size());
    }

    /** Every request is audited when it arrives and when it is done: who, when, which right, the outcome; no token. */
    @Test
    void every_request_is_audited_with_its_reference_right_and_outcome_and_never_a_token() {
        List<JsonNode> list = new ArrayList<>();
        get(PATH, officer).get("requests").forEach(list::add);
        for (UUID id : List.of(ERASURE, RESTRICTION, ACCESS)) {
            hub.post(PATH + "/" + id + "/carry-out", Map.of(), officer);
        }
        List<AuditLog.Entry> received = audit.entries(hub.database, PrivacyRequests.RECEIVED, 50);
        List<AuditLog.Entry> done = audit.entries(hub.database, PrivacyRequests.DONE, 50);
        for (JsonNode request : list) {
            String reference = request.get("reference").asText();
            String right = request.get("right").asText();
            assertTrue(received.stream().anyMatch(e -> reference.equals(e.subject()) && e.detail().startsWith(right)
                    && e.detail().contains("kiosk van Testlocatie")), reference + " received: " + received);
        }
        assertEquals(3, done.size());
        for (AuditLog.Entry entry : done) {
            assertEquals("privacy", entry.actor());
            assertTrue(entry.detail().matches("(access|erasure|restriction): .+"), entry.detail());
        }
        String everything = hub.database.read(c -> String.join("\n", Sql.list(c,
                "SELECT actor || ' ' || action || ' ' || COALESCE(subject, '') || ' ' || detail FROM audit",
                row -> row.getString(1))));
        for (int token : List.of(1, 2, 3, 99)) {
            assertFalse(everything.contains(Messages.token(token)), everything);
        }
        assertFalse(everything.contains("k1:"), everything);
    }

    @Test
    void an_unknown_or_malformed_request_id_is_a_dutch_404() {
        HttpResponse<String> unknown = hub.get(PATH + "/" + UUID.randomUUID(), officer);
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("Onbekend verzoek"));
        assertEquals(404, hub.get(PATH + "/niet-een-nummer/export", officer).statusCode());
        assertEquals(404, hub.post(PATH + "/" + UUID.randomUUID() + "/carry-out", Map.of(), officer).statusCode());
    }

    @Test
    void every_documented_status_answers_as_documented() {
        OpenApiDocument document = new OpenApiDocument(hub.parse(hub.get("/openapi.json", null).body()));
        List<OpenApiDocument.Case> cases = document.cases(PrivacyApiTest.class, List.of("get", "post"));
        assertFalse(cases.isEmpty());
        for (OpenApiDocument.Case c : cases) {
            if (c.key().startsWith("get /privacy ")) {
                continue;
            }
            document.check(c.key(), request(c.key()), c.response());
        }
    }

    private Supplier<HttpResponse<String>> request(String key) {
        String[] parts = key.split(" ");
        int status = Integer.parseInt(parts[2]);
        UUID id = parts[1].endsWith("/lift") ? RESTRICTION : parts[1].endsWith("/carry-out") ? ERASURE : ACCESS;
        String path = parts[1].replace("{id}", status == 404 ? UUID.randomUUID().toString() : id.toString());
        String token = status == 401 ? null : status == 403 ? hub.ctToken : officer;
        if (status == 409) {
            if (parts[1].endsWith("/carry-out")) {
                hub.post(path, Map.of(), officer);
            }
            return () -> hub.post(path, Map.of(), token);
        }
        if (parts[1].endsWith("/lift") && status == 200) {
            hub.post(path.replace("/lift", "/carry-out"), Map.of(), officer);
        }
        return parts[0].equals("get") ? () -> hub.get(path, token) : () -> hub.post(path, Map.of(), token);
    }
}
