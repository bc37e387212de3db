package nl.opvang.hub.waitlist;

import static nl.opvang.hub.waitlist.WaitlistFixture.CT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.placement.HoldState;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An offer follows its hold (docs/DESIGN.md §4): a check-in with the hold ends the wait; a hold refused by the node,
 * refused by the hub for a conflict, cancelled or expired puts the entry back on the list, ready for a new offer. The
 * node is played through the hub's real ingest (the MQTT path is {@code WaitlistOverMqttTest}).
 */
class WaitlistHoldsTest {
    @TempDir
    Path dataDir;
    WaitlistFixture hub;
    String entry;

    @BeforeEach
    void start() {
        hub = new WaitlistFixture(dataDir);
        hub.testLocationLive();
        entry = hub.add("crisis", "2026-08-01", "").get("id").asText();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_check_in_with_the_offered_hold_ends_the_wait() {
        UUID hold = offer();
        hub.deliver(hub.test.next(new Payload.HoldAccepted(hold, "T5", "Melden bij de nachtdienst")));
        assertEquals("offered", hub.entry(entry).get("state").asText(), "accepted is not yet placed");

        hub.deliver(hub.test.next(new Payload.CheckIn("T5", null, Messages.token(7), "0307", hold)));

        assertEquals(HoldState.FULFILLED, hub.holds.get(CT, hold).state());
        assertNull(hub.entry(entry), "no longer on the list");
        assertEquals(0, hub.overview().get("open").asInt());
        assertEquals("closed placed", hub.hub.database.read(c -> WaitlistStore.find(c, UUID.fromString(entry)))
                .map(each -> each.state().wire() + " " + each.closeReason().wire()).orElseThrow());
        AuditLog.Entry placed = new AuditLog(hub.hub.clock).entries(hub.hub.database, "waitlist.placed", 1).get(0);
        assertEquals("node:test-1", placed.actor());
        assertEquals("need=crisis hold=" + hold, placed.detail());
    }

    @Test
    void a_hold_the_node_refuses_puts_the_entry_back_and_it_can_be_offered_again() {
        UUID first = offer();

        hub.deliver(hub.test.next(new Payload.HoldRefused(first, "Past niet")));

        JsonNode back = hub.entry(entry);
        assertEquals("waiting", back.get("state").asText());
        assertTrue(back.get("hold").isNull());
        assertEquals(1, back.get("offers").asInt());
        assertTrue(back.get("offerable").asBoolean(), "the crisis place is free again");
        AuditLog.Entry ended = new AuditLog(hub.hub.clock).entries(hub.hub.database, "waitlist.offer_ended", 1).get(0);
        assertEquals("node:test-1", ended.actor());
        assertTrue(ended.detail().endsWith("hold_state=refused"), ended.detail());

        UUID second = offer();

        assertEquals(2, hub.entry(entry).get("offers").asInt());
        assertEquals(second.toString(), hub.entry(entry).get("hold").asText());
    }

    @Test
    void a_hold_cancelled_by_the_ct_puts_the_entry_back() {
        UUID hold = offer();

        assertEquals(200, hub.delete("/api/v1/holds/" + hold, CT).statusCode());

        assertEquals("waiting", hub.entry(entry).get("state").asText());
        assertEquals("ct", new AuditLog(hub.hub.clock).entries(hub.hub.database, "waitlist.offer_ended", 1).get(0).actor());
    }

    @Test
    void a_hold_that_expires_puts_the_entry_back() {
        UUID hold = offer();
        hub.hub.clock.advance(Duration.ofHours(2).plusSeconds(1));

        hub.holds.expireDue();

        assertEquals(HoldState.EXPIRED, hub.holds.get(CT, hold).state());
        assertEquals("waiting", hub.entry(entry).get("state").asText());
        assertEquals("system", new AuditLog(hub.hub.clock).entries(hub.hub.database, "waitlist.offer_ended", 1).get(0).actor());
    }

    @Test
    void a_hold_the_locations_facts_overrule_puts_the_entry_back() {
        UUID hold = offer();

        // Someone else checks in to the last crisis place without the hold: the hold gives way (a conflict).
        hub.deliver(hub.test.next(new Payload.CheckIn("T5", null, Messages.token(8), null, null)));

        assertEquals(HoldState.REFUSED, hub.holds.get(CT, hold).state());
        assertEquals("waiting", hub.entry(entry).get("state").asText());
        assertEquals(false, hub.entry(entry).get("offerable").asBoolean(), "no crisis place free now");
    }

    private UUID offer() {
        var response = hub.post("/api/v1/waitlist/" + entry + "/offer", CT, "{}");
        assertEquals(201, response.statusCode(), response.body());
        return UUID.fromString(WaitlistFixture.parse(response).get("hold").asText());
    }
}
