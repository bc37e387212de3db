package nl.opvang.hub.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.opvang.device.sim.History;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.testkit.ApiClient;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh demo tells the story (issue 16 item 4): its simulated nodes first live through twelve weeks of generated
 * history, sent to the hub over MQTT as any node's events with their own past times, and the occupancy report shows
 * those nights. Real hub, real broker, real SQLite files.
 */
class DemoHistoryTest {
    @TempDir
    static Path dataDir;

    private static Hub hub;
    private static Demo demo;
    private static long startMs;

    @BeforeAll
    static void startDemo() {
        hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(dataDir).build(), Clock.systemUTC());
        long started = System.nanoTime();
        demo = Demo.start(hub.inProcess().registry().locations(), hub.mqttUrl(), hub.dataDir(), Duration.ofHours(6),
                Demo.Past.of(hub.inProcess().occupancy(), hub.inProcess().pastRequests(),
                        hub.inProcess().accounts().accounts()),
                Demo.HISTORY_SEED);
        startMs = (System.nanoTime() - started) / 1_000_000;
        System.out.println("demo start with " + History.WEEKS + " weeks of history: " + startMs + " ms");
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.inProcess().projection().snapshot().locations().values()
                .stream().filter(location -> !location.code().equals(Demo.TEST_SITE))
                .allMatch(location -> location.freshness() == Freshness.LIVE));
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void the_occupancy_report_shows_twelve_weeks_of_mostly_full_nights_on_first_start() {
        ApiClient api = new ApiClient(hub::httpPort, "demo");
        api.logIn("ct");
        JsonNode report = ApiClient.parse(api.get("/api/v1/reports/occupancy?weeks=12", "ct"));
        List<JsonNode> past = new ArrayList<>();
        report.get("nights").forEach(past::add);
        assertEquals(84, past.size());
        List<JsonNode> sampled = past.stream().filter(night -> night.get("sampled").asBoolean()).toList();
        assertTrue(sampled.size() >= 83, "every past night has figures: " + sampled.size());
        long full = sampled.stream().filter(night -> {
            double rate = night.get("occupied").asDouble() / night.get("capacity").asDouble();
            return rate >= 0.85 && rate <= 1.0;
        }).count();
        assertTrue(full >= 0.8 * sampled.size(), full + " of " + sampled.size() + " nights at 85-100 %");
        assertTrue(sampled.stream().anyMatch(night -> stream(night.get("locations"))
                .anyMatch(location -> "nood".equals(location.get("kind").asText()) && location.get("occupied").asInt() > 0)),
                "a frost with the noodbedden open and used");
    }

    @Test
    void every_figure_has_counts_the_gemeente_may_see_for_the_twelve_weeks_on_first_start() {
        ApiClient api = new ApiClient(hub::httpPort, "demo");
        api.logIn("gemeente");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam"));
        String period = "?van=" + today.minusWeeks(12) + "&tot=" + today;
        // The month /monitor shows first (monitor.js: this one, in its first 7 days the last one).
        String month = "?maand=" + java.time.YearMonth.from(today.getDayOfMonth() <= 7 ? today.minusMonths(1) : today);
        for (String question : List.of(period, month)) {
            for (nl.opvang.hub.monitoring.Figure figure : nl.opvang.hub.monitoring.Figure.values()) {
                JsonNode answer = ApiClient.parse(api.get("/api/v1/monitoring/" + figure.path() + question,
                        "gemeente"));
                long shown = 0;
                for (JsonNode row : answer.get("rows")) {
                    if (CHARTED.get(figure.path()).contains(row.get("part").asText())
                            && !NOT_CHARTED.contains(row.get("code").asText())) {
                        shown = Math.max(shown, row.path("cell").path("count").asLong(0));
                    }
                }
                assertTrue(shown >= 5, figure.path() + question + ": its chart needs a bar the gemeente may see: "
                        + answer);
            }
        }
        // Placement in full: CT's requests, mostly accepted, some refused for reasons of the vocabulary, some never
        // answered, answered within minutes; every one of those numbers shown to the gemeente.
        JsonNode placement = ApiClient.parse(api.get("/api/v1/monitoring/placement" + period, "gemeente"));
        long requests = shown(placement, "requests");
        long accepted = shown(placement, "accepted");
        assertTrue(accepted >= 0.7 * requests, accepted + " of " + requests + " accepted: " + placement);
        assertTrue(shown(placement, "refused") >= 5 && shown(placement, "expired") >= 5, placement.toString());
        double minutes = cell(placement, "minutes_to_answer").get("value").asDouble();
        System.out.println("placement of the twelve weeks: " + requests + " requests, " + accepted + " accepted, "
                + shown(placement, "refused") + " refused, " + shown(placement, "expired") + " expired, " + minutes
                + " minutes to an answer");
        assertTrue(minutes >= 3 && minutes <= 30, "answered within minutes: " + minutes);
        long reasons = stream(placement.get("rows")).filter(row -> row.get("part").asText().equals("geweigerd om")
                && !row.get("cell").get("suppressed").asBoolean()).count();
        assertTrue(reasons >= 2, "refusals by reason: " + placement);
        JsonNode demand = ApiClient.parse(api.get("/api/v1/monitoring/unmet-demand" + period, "gemeente"));
        assertEquals(shown(placement, "refused"), shown(demand, "refused"), "refused requests are unmet demand too");
    }

    /** The parts of each figure's rows that /monitor draws as bars (monitor.js BARS), less the totals (TOTALS). */
    private static final java.util.Map<String, List<String>> CHARTED = java.util.Map.of("inflow", List.of("gemeente"),
            "length-of-stay", List.of("verblijfsduur", "norm"), "destinations", List.of("bestemming",
                    "zonder uitchecken"), "unmet-demand", List.of("weggestuurd"), "placement", List.of("aanvragen",
                    "geweigerd om"), "revolving-door", List.of("draaideur"), "clients", List.of("cliënten"),
            "occupancy", List.of("bezetting"));
    private static final List<String> NOT_CHARTED = List.of("turn_aways", "ended", "requests", "minutes_to_answer",
            "occupancy_rate", "place_nights");

    /** The count of row {@code code} as the gemeente sees it; fails when it is hidden. */
    private static long shown(JsonNode answer, String code) {
        JsonNode cell = cell(answer, code);
        assertFalse(cell.get("suppressed").asBoolean(), code + " hidden: " + answer);
        return cell.get("count").asLong();
    }

    private static JsonNode cell(JsonNode answer, String code) {
        // The last row of that code: unmet-demand's request rows come after its turn-away reason "refused".
        List<JsonNode> rows = stream(answer.get("rows")).filter(row -> row.get("code").asText().equals(code)).toList();
        return rows.get(rows.size() - 1).get("cell");
    }

    @Test
    void the_gemeentes_monitoring_figures_show_the_twelve_weeks_on_their_own_nights() {
        ApiClient api = new ApiClient(hub::httpPort, "demo");
        api.logIn("gemeente");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam"));
        // Every full week of the history has its clients and turn-aways; dated by arrival, all would be this week's.
        for (int week = 2; week <= History.WEEKS - 1; week++) {
            String period = "?van=" + today.minusDays(7L * week) + "&tot=" + today.minusDays(7L * week - 6);
            JsonNode clients = ApiClient.parse(api.get("/api/v1/monitoring/clients" + period, "gemeente"));
            long unique = clients.get("rows").get(0).get("cell").get("count").asLong();
            assertTrue(unique >= 100, week + " weeks ago: " + unique + " unique clients");
            JsonNode inflow = ApiClient.parse(api.get("/api/v1/monitoring/inflow" + period, "gemeente"));
            assertTrue(inflow.get("rows").get(0).get("cell").get("count").asLong() >= 10, week + " weeks ago: stays began");
        }
    }

    @Test
    void the_history_arrives_through_ingest_on_its_own_nights_with_returning_tokens_reasons_and_origins() throws Exception {
        Path db = hub.dataDir().resolve("hub.db");
        await().atMost(Duration.ofSeconds(60)).until(() -> number(db, "SELECT count(*) FROM event WHERE type = 'turn_away'") > 50
                && number(db, "SELECT count(*) FROM event WHERE rejected IS NOT NULL") == 0
                && number(db, "SELECT count(*) FROM event WHERE type = 'check_in'") > 500);
        long weeksAgo = Instant.now().minus(Duration.ofDays(7L * History.WEEKS)).toEpochMilli();
        long oldest = number(db, "SELECT min(node_ms) FROM event WHERE type = 'check_in'");
        assertTrue(oldest >= weeksAgo - 86_400_000L && oldest < weeksAgo + 2 * 86_400_000L, "the first night, twelve weeks ago");
        assertTrue(number(db, "SELECT count(*) FROM event WHERE received_ms - node_ms > 86400000") > 500,
                "stored with the node's own time; the hub's received_ms says when it came");
        assertTrue(number(db, "SELECT count(*) FROM (SELECT token_id FROM event WHERE type = 'check_in' "
                + "GROUP BY token_id HAVING count(*) > 1)") > 20, "tokens that come back");
        assertTrue(number(db, "SELECT count(DISTINCT json_extract(body, '$.reason')) FROM event WHERE type = 'turn_away'") >= 3);
        assertEquals(0, number(db, "SELECT count(*) FROM event WHERE type = 'turn_away' AND json_extract(body, '$.reason') "
                + "NOT IN ('full', 'not_suitable', 'regional_binding', 'behaviour', 'refused', 'other')"));
        assertTrue(number(db, "SELECT count(DISTINCT json_extract(body, '$.origin')) FROM event WHERE type = 'check_in'") >= 7,
                "origins over the region's municipalities, passant and unknown");
        assertTrue(number(db, "SELECT count(*) FROM event WHERE type = 'check_out' "
                + "AND json_extract(body, '$.destination') IS NOT NULL") > 300, "a destination at check-out");
        assertEquals(0, number(db, "SELECT count(*) FROM event WHERE body LIKE '%SIM%'"), "pass numbers never leave the node");
        // CT's requests of the history, at the hub as they were made and answered then, all ended and closed (on no
        // one's list now); every accepted one fulfilled by a check-in of its node that names it, and none at the VO.
        String named = "FROM event e WHERE e.type = 'check_in' AND json_extract(e.body, '$.hold') IS NOT NULL";
        long fulfilled = number(db, "SELECT count(*) FROM hold WHERE state = 'fulfilled'");
        assertTrue(fulfilled >= 20, fulfilled + " requests fulfilled");
        assertEquals(fulfilled, number(db, "SELECT count(*) " + named + " AND EXISTS (SELECT 1 FROM hold h"
                + " WHERE h.id = json_extract(e.body, '$.hold') AND h.node = e.node AND h.state = 'fulfilled'"
                + " AND h.created_ms < h.answered_ms AND h.answered_ms < h.ended_ms AND h.requester_role = 'ct')"));
        assertEquals(fulfilled, number(db, "SELECT count(*) " + named));
        assertEquals(0, number(db, "SELECT count(*) FROM hold WHERE closed_ms IS NULL OR ended_ms IS NULL"
                + " OR state IN ('requested', 'accepted') OR site IN ('kw-vo', 'kw-jm')"));
        assertTrue(number(db, "SELECT count(DISTINCT refusal) FROM hold WHERE state = 'refused'") >= 3);
    }

    @Test
    void the_locations_go_on_near_full_and_the_demo_starts_within_seconds() {
        int occupied = 0;
        int capacity = 0;
        for (LocationAvailability location : hub.inProcess().projection().snapshot().locations().values()) {
            if (location.code().equals(Demo.TEST_SITE)) {
                continue;
            }
            for (KindAvailability kind : location.kinds()) {
                if (kind.kind() != Kind.NOOD) {
                    occupied += kind.occupied();
                    capacity += kind.capacity();
                }
            }
        }
        assertTrue(occupied >= 0.8 * capacity, occupied + " of " + capacity + " places occupied at start");
        // The demo's kiosk location keeps a free bed at start, for a visitor (and DemoIT) to check someone in.
        int kioskFree = hub.inProcess().projection().snapshot().locations().get(Demo.KIOSK_SITE).kinds().stream()
                .filter(kind -> kind.kind() == Kind.REGULAR).mapToInt(KindAvailability::free).sum();
        System.out.println("free at the kiosk location: " + kioskFree + "; occupied " + occupied + " of " + capacity);
        assertTrue(kioskFree >= 1, "free regular beds at " + Demo.KIOSK_SITE + ": " + kioskFree);
        assertTrue(startMs < 30_000, "history replayed in " + startMs + " ms");
        assertFalse(capacity == 0);
    }

    private static long number(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = c.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
