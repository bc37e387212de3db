package nl.opvang.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.opvang.gateway.Inbound;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.testkit.Browser;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.hub.web.WebFixture;
import nl.opvang.hub.web.HttpLimits;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Issue 11 item 3: the gap a restore left (seqs a node could no longer resend) is shown to admins, in
 * {@code GET /api/v1/admin/lost-events} and on {@code /admin} in a real headless Chromium, and to no one else.
 */
class LostEventsAdminTest {
    @TempDir
    Path dataDir;
    WebFixture hub;
    final LostEvents lost = new LostEvents(new AuditLog(Clock.systemUTC()), new SimpleMeterRegistry());
    final Codec codec = new Codec();

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir, true, HttpLimits.defaults(), database -> List.of(new LostEventRoutes(lost, database)));
        hub.account("admin", Role.ADMIN, null);
        EventStore store = new EventStore(hub.database, hub.registry, hub.projection, hub.clock, Duration.ofSeconds(2),
                hub.metrics, HoldHook.NONE, lost);
        Messages node = new Messages("test", "test-1");
        deliver(store, node.testBirth());
        for (int i = 2; i <= 6; i++) {
            node.next(new Payload.Heartbeat()); // stored once, then lost with the restore and pruned by the node
        }
        NodeMessage seven = node.next(new Payload.Heartbeat());
        deliver(store, seven);
        String birth = new String(codec.encode(node.testBirth()), StandardCharsets.UTF_8);
        deliver(store, codec.decodeNodeMessage((birth.substring(0, birth.length() - 1) + ",\"lost\":{\"from\":2,\"to\":6}}")
                .getBytes(StandardCharsets.UTF_8)), seven);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private void deliver(EventStore store, NodeMessage... messages) {
        store.store(java.util.Arrays.stream(messages).map(m -> new Inbound(m, hub.clock.instant(), System.nanoTime())).toList());
    }

    @Test
    void admins_get_the_gap_with_node_and_seqs_and_no_other_role_does() {
        var answer = hub.get("/api/v1/admin/lost-events", hub.login("admin"));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode gaps = hub.parse(answer.body());
        assertEquals(1, gaps.size(), answer.body());
        JsonNode gap = gaps.get(0);
        assertEquals("test-1", gap.get("node").asText());
        assertEquals(2, gap.get("from").asLong());
        assertEquals(6, gap.get("to").asLong());
        assertEquals(5, gap.get("events").asLong());
        assertEquals(8, gap.get("birthSeq").asLong());
        assertTrue(gap.get("at").asText().endsWith("Z"));

        assertEquals(403, hub.get("/api/v1/admin/lost-events", hub.ctToken).statusCode());
        assertEquals(401, hub.get("/api/v1/admin/lost-events", null).statusCode());
    }

    @Test
    void the_admin_page_lists_the_gap() {
        try (Browser chromium = Browser.start()) {
            chromium.logIn(hub.uri("/"), "admin", WebFixture.PASSWORD);
            chromium.driver().get(hub.uri("/admin").toString());
            chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> "true".equals(
                    page.findElement(By.tagName("body")).getAttribute("data-loaded")));
            List<String> rows = chromium.driver().findElements(By.cssSelector("#lost-events tr")).stream()
                    .map(row -> row.getText()).toList();
            assertEquals(1, rows.size(), rows.toString());
            assertTrue(rows.get(0).startsWith("test-1"), rows.get(0));
            assertTrue(rows.get(0).contains("2 t/m 6"), rows.get(0));
            assertTrue(rows.get(0).endsWith("5"), rows.get(0));
        }
    }
}
