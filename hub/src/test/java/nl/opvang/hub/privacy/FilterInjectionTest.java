package nl.opvang.hub.privacy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import nl.opvang.device.node.Node;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.testkit.HubWithNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classic injection payloads in every query parameter of the availability API, the reports and the audit API, on a
 * real hub with real data: each answer is a 400 with a clear Dutch error, or an answer no wider than the honest one;
 * never a 500; and afterwards every table holds exactly the rows it held before.
 */
class FilterInjectionTest {
    private static final List<String> PAYLOADS = List.of(
            "' OR 1=1--",
            "1; DROP TABLE event",
            "1; DROP TABLE events",
            "amersfoort' OR '1'='1",
            "Amersfoort\" OR \"\"=\"",
            "1 UNION SELECT username, password_hash FROM account--",
            "%27%20OR%201%3D1--",
            "crisis') OR ('a'='a",
            "Ämersfoort",
            "ＡＭＥＲＳＦＯＯＲＴ",
            "Amersfoort 🛏",
            "\u202eAmersfoort",
            "Amersfoort\u0000",
            "-1",
            "0",
            "99999999999999999999",
            "NaN",
            "<script>alert(1)</script>",
            "a".repeat(5_000));
    /** Path → the parameters it reads, and the account that may read it. */
    private static final List<Target> TARGETS = List.of(
            new Target("/api/v1/availability", List.of("region", "municipality", "kind"), "ct"),
            new Target("/api/v1/reports/availability.csv", List.of("region", "kind"), "ct"),
            new Target("/api/v1/reports/occupancy", List.of("weeks"), "ct"),
            new Target("/api/v1/reports/occupancy.csv", List.of("weeks"), "ct"),
            new Target("/api/v1/audit", List.of("action", "limit"), "admin"),
            new Target("/admin/audit", List.of("action", "limit"), "admin"));

    private record Target(String path, List<String> parameters, String account) {
    }

    @TempDir
    Path hubData;
    @TempDir
    Path nodeData;
    HubWithNode running;
    Hub hub;
    Node node;
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void injection_payloads_in_every_filter_get_a_clear_400_or_no_wider_answer_never_a_500_and_change_no_data()
            throws Exception {
        // The rate limit is off: hundreds of requests from one address are the test here, not a flood.
        running = HubWithNode.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(hubData).httpRateLimit(0).build(),
                nodeData);
        hub = running.hub();
        node = running.node();
        running.live();
        node.checkIn("T1", "12345678", "0307");
        node.checkIn("T5", "12345679", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.pendingCount() == 0);
        HubClient api = new HubClient(hub.httpPort());
        assertEquals(200, api.send("ct", "POST", "/api/v1/locations/kw-vo/break-glass",
                "{\"reason\":\"Test van de filters\"}").status());

        Map<String, Long> rowsBefore = rowCounts();
        assertTrue(rowsBefore.getOrDefault("event", 0L) >= 3, "real data to lose: " + rowsBefore);
        String availabilityBefore = locations(api.send("ct", "GET", "/api/v1/availability", null).body());
        int answers = 0;
        for (Target target : TARGETS) {
            HubClient.Answer honest = api.send(target.account(), "GET", target.path(), null);
            assertEquals(200, honest.status(), target.path() + ": " + honest.body());
            for (String parameter : target.parameters()) {
                for (String payload : PAYLOADS) {
                    String url = target.path() + "?" + parameter + "=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
                    HubClient.Answer answer = api.send(target.account(), "GET", url, null);
                    String where = "GET " + target.path() + " " + parameter + "=" + abbreviated(payload) + " → "
                            + answer.status() + " " + abbreviated(answer.body());
                    assertTrue(answer.status() == 200 || answer.status() == 400, where);
                    if (answer.status() == 400) {
                        assertTrue(answer.body().length() > 10 && !answer.body().contains("Exception")
                                && !answer.body().toLowerCase(Locale.ROOT).contains("sql"), "a clear error: " + where);
                    } else {
                        assertNoWider(target, honest.body(), answer.body(), where);
                    }
                    answers++;
                }
            }
        }
        for (String payload : PAYLOADS) {
            HubClient.Answer answer = api.send("ct", "GET", "/api/v1/locations/"
                    + URLEncoder.encode(payload, StandardCharsets.UTF_8).replace("+", "%20"), null);
            assertTrue(answer.status() == 404 || answer.status() == 400, "location code " + abbreviated(payload) + " → "
                    + answer.status() + " " + abbreviated(answer.body()));
        }
        for (String payload : List.of("' OR 1=1--", "Ämersfoort", "a".repeat(5_000))) {
            HubClient.Answer stream = api.stream("ct", "/api/v1/availability/stream?municipality="
                    + URLEncoder.encode(payload, StandardCharsets.UTF_8), Duration.ofSeconds(3));
            assertTrue(stream.status() == 200 || stream.status() == 400, "stream → " + stream.status());
        }

        assertTrue(answers > 150, "every parameter tried with every payload: " + answers);
        Map<String, Long> rowsAfter = rowCounts();
        assertEquals(rowsBefore.keySet(), rowsAfter.keySet(), "no table dropped or added");
        for (Map.Entry<String, Long> table : rowsBefore.entrySet()) {
            // Heartbeats, the occupancy sampler and the audit of logins may add rows meanwhile; nothing may go.
            boolean growsOnItsOwn = table.getKey().contains("event") || table.getKey().contains("occupancy")
                    || table.getKey().contains("audit");
            assertTrue(growsOnItsOwn ? rowsAfter.get(table.getKey()) >= table.getValue()
                    : rowsAfter.get(table.getKey()).equals(table.getValue()),
                    "table " + table.getKey() + " held " + table.getValue() + " rows, now " + rowsAfter.get(table.getKey()));
        }
        assertEquals(availabilityBefore, locations(api.send("ct", "GET", "/api/v1/availability", null).body()));
        assertEquals(200, api.send("ct", "GET", "/health", null).status());
    }

    /** A filtered answer never shows more than the unfiltered one: no {@code OR 1=1} widening. */
    private void assertNoWider(Target target, String honest, String answer, String where) throws Exception {
        if (target.path().endsWith(".csv") || target.path().equals("/admin/audit")) {
            assertTrue(answer.length() <= honest.length() + 200, "no wider than the honest answer: " + where);
            return;
        }
        JsonNode honestJson = json.readTree(honest);
        JsonNode answerJson = json.readTree(answer);
        String list = target.path().equals("/api/v1/availability") ? "locations"
                : target.path().equals("/api/v1/audit") ? "entries" : null;
        if (list != null && honestJson.has(list)) {
            assertTrue(answerJson.get(list).size() <= honestJson.get(list).size(), "no wider than the honest answer: " + where);
        }
        assertFalse(answer.contains("password") || answer.contains("hash"), where);
    }

    private static String locations(String availability) throws Exception {
        List<String> codes = new ArrayList<>();
        for (JsonNode location : new ObjectMapper().readTree(availability).get("locations")) {
            codes.add(location.get("code").asText() + "=" + location.get("kinds"));
        }
        return String.join("\n", codes);
    }

    /** Rows per table of the hub's own database file. */
    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + hub.dataDir().resolve("hub.db"));
             Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        // Sessions come and go with the test's own logins; everything else must stand still.
        counts.keySet().removeIf(table -> table.contains("session") || table.contains("login") || table.contains("throttle"));
        return counts;
    }

    private static String abbreviated(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…(" + text.length() + ")" : text;
    }
}
