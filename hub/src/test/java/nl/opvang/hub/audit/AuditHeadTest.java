package nl.opvang.hub.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.ops.OpsCommand;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 8: the audit chain's head anchored outside the database after every write, checked by
 * {@code audit-verify} and by the hub at start. A real hub (in this JVM, demo accounts, embedded broker) on a real
 * SQLite file; break-glass reads over HTTP; the tampering done with a plain SQLite connection, as someone with the file
 * would; the real {@code audit-verify} and {@code restore} commands.
 */
class AuditHeadTest {
    private static final String REASON = "Vrouw met kind aan de lijn, VO-nummer neemt niet op";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    @TempDir
    Path elsewhere;
    final HttpClient http = HttpClient.newHttpClient();
    Hub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void deleting_the_newest_entries_is_reported_by_audit_verify_as_a_cut_head() throws Exception {
        long head = hubWithTwoBreakGlassReads();

        sql("DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE seq > " + (head - 2));

        Result verify = auditVerify();
        assertEquals(1, verify.exit(), verify.out());
        assertEquals("audit log broken at entry " + (head - 1) + ": entries " + (head - 1) + " to " + head
                + " are gone: the anchor file names entry " + head + "; the chain's head was cut", verify.firstLine());
    }

    @Test
    void rewriting_the_newest_entry_with_its_hash_recomputed_is_reported_by_audit_verify() throws Exception {
        long head = hubWithTwoBreakGlassReads();

        rewriteNewest("Routinecontrole, geen bijzonderheden");

        Result verify = auditVerify();
        assertEquals(1, verify.exit(), verify.out());
        assertTrue(verify.firstLine().startsWith("audit log broken at entry " + head + ": differs from the anchor of "),
                verify.out());
        assertTrue(verify.firstLine().endsWith("written outside the database: the chain was rewritten"), verify.out());
    }

    @Test
    void a_hub_started_on_a_cut_log_serves_on_degraded_and_tells_admins_but_does_not_anchor_the_forged_head()
            throws Exception {
        long head = hubWithTwoBreakGlassReads();
        sql("DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE seq > " + (head - 2));
        List<String> anchorsBefore = Files.readAllLines(data.resolve(AuditAnchors.FILE_NAME));

        hub = start();

        HttpResponse<String> health = get("/health", null);
        assertEquals(200, health.statusCode(), "the hub keeps serving: " + health.body());
        JsonNode answer = JSON.readTree(health.body());
        assertEquals("degraded", answer.get("status").asText(), health.body());
        assertEquals("broken", answer.get("audit").asText(), health.body());
        assertTrue(metrics().lines().anyMatch(line -> line.equals("opvang_audit_chain_broken 1.0")));
        assertEquals(anchorsBefore, Files.readAllLines(data.resolve(AuditAnchors.FILE_NAME)),
                "nothing is anchored on a chain that disagrees with its anchors");
        String admin = login("admin");
        String page = get("/admin/audit", admin).body();
        assertTrue(page.contains("De auditlog klopt niet met de ankers buiten de database"), page);
        assertTrue(page.contains("melding " + (head - 1)), page);
        JsonNode status = JSON.readTree(get("/api/v1/audit/status", admin).body());
        assertFalse(status.get("intact").asBoolean());
        assertEquals(head - 1, status.get("firstBroken").asLong());
        assertEquals(403, get("/api/v1/audit/status", login("ct")).statusCode());
        assertEquals(401, get("/api/v1/audit/status", null).statusCode());

        breakGlass(login("ct"));
        assertEquals(anchorsBefore, Files.readAllLines(data.resolve(AuditAnchors.FILE_NAME)),
                "a new entry on the cut chain is not anchored either: it would hide the cut");
    }

    @Test
    void a_hub_started_on_a_rewritten_log_reports_it_and_leaves_the_anchor_file_alone() throws Exception {
        hubWithTwoBreakGlassReads();
        rewriteNewest("Routinecontrole, geen bijzonderheden");
        List<String> anchorsBefore = Files.readAllLines(data.resolve(AuditAnchors.FILE_NAME));

        hub = start();

        JsonNode answer = JSON.readTree(get("/health", null).body());
        assertEquals("degraded", answer.get("status").asText());
        assertEquals("broken", answer.get("audit").asText());
        assertEquals(anchorsBefore, Files.readAllLines(data.resolve(AuditAnchors.FILE_NAME)));
    }

    @Test
    void every_audit_write_is_anchored_at_once_and_an_untampered_hub_restarts_clean() throws Exception {
        long head = hubWithTwoBreakGlassReads();
        List<String> anchors = Files.readAllLines(data.resolve(AuditAnchors.FILE_NAME));
        assertTrue(anchors.get(anchors.size() - 1).matches("\\S+ " + head + " " + headHash()), anchors.toString());

        hub = start();
        assertEquals(anchors, Files.readAllLines(data.resolve(AuditAnchors.FILE_NAME)), "an unchanged head is not repeated");

        HttpResponse<String> health = get("/health", null);
        assertEquals(200, health.statusCode());
        assertEquals("up", JSON.readTree(health.body()).get("status").asText(), health.body());
        assertEquals("ok", JSON.readTree(health.body()).get("audit").asText(), health.body());
        assertTrue(metrics().lines().anyMatch(line -> line.equals("opvang_audit_chain_broken 0.0")));
        assertFalse(get("/admin/audit", login("admin")).body().contains("klopt niet"));
        List<String> after = Files.readAllLines(data.resolve(AuditAnchors.FILE_NAME));
        assertTrue(after.get(after.size() - 1).matches("\\S+ " + headSeq() + " " + headHash()),
                "the restarted hub anchors its writes (the admin's login here): " + after);
        assertEquals(0, auditVerify().exit());
    }

    @Test
    void a_restore_from_backup_is_recorded_in_the_anchor_file_so_the_shorter_chain_starts_clean() throws Exception {
        hub = start();
        String ct = login("ct");
        breakGlass(ct);
        Path backup = elsewhere.resolve("hub-Mon.db");
        assertEquals(0, ops("backup", "--data", data.toString(), "--to", backup.toString()).exit());
        breakGlass(ct);
        breakGlass(ct);
        long lost = headSeq();
        hub.close();
        hub = null;

        Result restore = ops("restore", "--from", backup.toString(), "--data", data.toString());
        assertEquals(0, restore.exit(), restore.out());
        assertTrue(restore.out().contains("audit anchors: the restore is recorded"), restore.out());

        hub = start();
        JsonNode health = JSON.readTree(get("/health", null).body());
        assertEquals("ok", health.get("audit").asText(), health.toString());
        assertEquals(0, auditVerify().exit(), auditVerify().out());
        JsonNode entries = JSON.readTree(get("/api/v1/audit?action=audit.restore", login("admin")).body());
        assertEquals(1, entries.size(), entries.toString());
        assertTrue(entries.get(0).get("detail").asText().endsWith("to " + lost + " are not in the backup"),
                entries.toString());
    }

    @Test
    void an_anchor_file_on_another_disk_is_the_one_the_hub_writes_and_checks() throws Exception {
        Path anchors = elsewhere.resolve("audit/anchors.txt");
        HubConfig config = HubConfig.builder().demo(true).loopbackAnyPorts().data(data).auditAnchors(anchors).build();
        hub = Hub.start(config, Clock.systemUTC());
        breakGlass(login("ct"));
        hub.close();
        hub = null;
        assertFalse(Files.exists(data.resolve(AuditAnchors.FILE_NAME)));
        List<String> lines = Files.readAllLines(anchors);
        assertTrue(lines.get(lines.size() - 1).matches("\\S+ " + headSeq() + " " + headHash()), lines.toString());
        sql("DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE seq = " + headSeq());

        hub = Hub.start(config, Clock.systemUTC());
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(hub::brokerConnected);

        assertEquals("broken", JSON.readTree(get("/health", null).body()).get("audit").asText());
        assertEquals(lines, Files.readAllLines(anchors));
    }

    /** A hub whose log ends in two break-glass reads by CT; stopped again. Returns the head's seq. */
    private long hubWithTwoBreakGlassReads() throws Exception {
        hub = start();
        String ct = login("ct");
        breakGlass(ct);
        breakGlass(ct);
        hub.close();
        hub = null;
        return headSeq();
    }

    /** A demo hub on the data folder, once its broker link is up (so that {@code /health} speaks of the audit only). */
    private Hub start() {
        Hub started = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(data).build(),
                Clock.systemUTC());
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(started::brokerConnected);
        return started;
    }

    private void breakGlass(String token) throws Exception {
        HttpResponse<String> response = http.send(request("/api/v1/locations/kw-vo/break-glass", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"" + REASON + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private String login(String user) throws Exception {
        HttpResponse<String> response = http.send(request("/api/v1/login", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("token").asText();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The metrics listener's text (it is not on the web port). */
    private String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private record Result(int exit, String out) {
        String firstLine() {
            return out.lines().findFirst().orElse("");
        }
    }

    private Result auditVerify() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = AuditVerifyCommand.run(List.of("--data", data.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8));
    }

    private Result ops(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = new OpsCommand(print, print, Clock.systemUTC()).run(args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8));
    }

    private Connection raw() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hub.db").toAbsolutePath());
    }

    private void sql(String... statements) throws SQLException {
        try (Connection raw = raw(); Statement statement = raw.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
    }

    private long headSeq() throws SQLException {
        try (Connection raw = raw(); Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(seq) FROM audit")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String headHash() throws SQLException {
        try (Connection raw = raw(); Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** What a careful attacker does to the newest entry: another reason, its hash recomputed to fit the chain. */
    private void rewriteNewest(String detail) throws SQLException, IOException {
        try (Connection raw = raw(); Statement statement = raw.createStatement()) {
            statement.executeUpdate("DROP TRIGGER audit_no_update");
            try (ResultSet rows = statement.executeQuery(
                    "SELECT seq, at_ms, actor, action, subject, prev_hash FROM audit ORDER BY seq DESC LIMIT 1")) {
                rows.next();
                String hash = AuditLog.hash(rows.getString(6), rows.getLong(1), rows.getLong(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), detail);
                try (PreparedStatement update = raw.prepareStatement("UPDATE audit SET detail = ?, hash = ? WHERE seq = ?")) {
                    update.setString(1, detail);
                    update.setString(2, hash);
                    update.setLong(3, rows.getLong(1));
                    update.executeUpdate();
                }
            }
        }
    }
}
