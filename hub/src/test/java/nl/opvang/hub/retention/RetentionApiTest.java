package nl.opvang.hub.retention;

import nl.opvang.hub.ingest.HoldHook;
import nl.opvang.hub.ingest.LostEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import nl.opvang.gateway.Inbound;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.ingest.EventStore;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.hub.testkit.OpenApiDocument;
import nl.opvang.hub.web.HttpLimits;
import nl.opvang.hub.web.WebFixture;
import nl.opvang.protocol.NodeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/admin/token-deletions} on a real server: each status the OpenAPI document names for it (200, 400,
 * 401, 403); and {@code GET /api/v1/admin/retention}, every status checked against the document.
 */
class RetentionApiTest {
    private static final String PATH = "/api/v1/admin/token-deletions";

    @TempDir
    Path dataDir;
    WebFixture hub;
    AuditLog audit;
    String adminToken;

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir, true, HttpLimits.defaults(), database -> {
            audit = new AuditLog(Clock.systemUTC());
            return List.of(new RetentionRoutes(new Retention(database, audit, Clock.systemUTC())));
        });
        hub.account("beheer", Role.ADMIN, null);
        adminToken = hub.login("beheer");
        Messages node = new Messages("test", "test-1");
        EventStore store = new EventStore(hub.database, hub.registry, hub.projection, hub.clock, Duration.ofSeconds(2),
                hub.metrics, HoldHook.NONE, new LostEvents(new AuditLog(hub.clock), hub.metrics));
        List<NodeMessage> messages = List.of(node.testBirth(), node.checkIn("T1", Messages.token(1)),
                node.checkOut("T1", Messages.token(1)), node.checkIn("T2", Messages.token(2)));
        store.store(messages.stream().map(message -> new Inbound(message, hub.clock.instant(), System.nanoTime())).toList());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void an_admin_removes_one_tokens_links_and_the_audit_names_the_admin_not_the_token() {
        HttpResponse<String> response = hub.post(PATH, Map.of("token", Messages.token(1)), adminToken);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        JsonNode answer = hub.parse(response.body());
        assertEquals(2, answer.get("unlinked").asInt());
        assertTrue(answer.get("tokenDeleted").asBoolean());
        AuditLog.Entry entry = audit.entries(hub.database, Retention.FORGET, 1).get(0);
        assertEquals("beheer", entry.actor());
        assertFalse((entry.subject() + " " + entry.detail()).contains(Messages.token(1)));

        JsonNode again = hub.parse(hub.post(PATH, Map.of("token", Messages.token(1)), adminToken).body());
        assertEquals(0, again.get("unlinked").asInt());
        assertFalse(again.get("tokenDeleted").asBoolean());
    }

    @Test
    void the_retention_table_answers_admins_only_and_as_documented() {
        OpenApiDocument document = new OpenApiDocument(hub.parse(hub.get("/openapi.json", null).body()));
        Map<String, Supplier<HttpResponse<String>>> requests = Map.of(
                "get /api/v1/admin/retention 200", () -> hub.get("/api/v1/admin/retention", adminToken),
                "get /api/v1/admin/retention 401", () -> hub.get("/api/v1/admin/retention", null),
                "get /api/v1/admin/retention 403", () -> hub.get("/api/v1/admin/retention", hub.ctToken));
        List<String> checked = new ArrayList<>();

        for (OpenApiDocument.Case documented : document.cases(RetentionApiTest.class, List.of("get"))) {
            document.check(documented.key(), requests.get(documented.key()), documented.response());
            checked.add(documented.key());
        }

        assertEquals(new TreeSet<>(requests.keySet()), new TreeSet<>(checked));
        JsonNode rules = hub.parse(hub.get("/api/v1/admin/retention", adminToken).body()).get("rules");
        List<String> kinds = new ArrayList<>();
        rules.forEach(rule -> kinds.add(rule.get("kind").asText()));
        assertEquals(RetentionTable.of(RetentionPeriods.DEFAULTS).rules().stream().map(RetentionRule::kind).toList(), kinds);
        assertEquals("365 dagen", rules.get(0).get("period").asText());
        assertEquals("--retention-days", rules.get(0).get("setting").asText());
    }

    @Test
    void no_token_is_400_no_login_401_and_another_role_403_and_nothing_changes() {
        HttpResponse<String> empty = hub.post(PATH, Map.of("token", " "), adminToken);
        HttpResponse<String> anonymous = hub.post(PATH, Map.of("token", Messages.token(2)), null);
        HttpResponse<String> ct = hub.post(PATH, Map.of("token", Messages.token(2)), hub.ctToken);

        assertEquals(400, empty.statusCode());
        assertTrue(hub.parse(empty.body()).get("error").asText().startsWith("Stuur JSON"));
        assertEquals(401, anonymous.statusCode());
        assertEquals(403, ct.statusCode());
        assertTrue(audit.entries(hub.database, Retention.FORGET, 10).isEmpty());
        assertEquals(3L, (long) hub.database.read(connection -> {
            try (var rows = connection.createStatement().executeQuery(
                    "SELECT count(*) FROM event WHERE token_id IS NOT NULL")) {
                rows.next();
                return rows.getLong(1);
            }
        }));
    }
}
