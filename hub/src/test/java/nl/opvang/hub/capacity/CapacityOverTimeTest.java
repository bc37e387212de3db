package nl.opvang.hub.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.availability.CountsBroadcast;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.Visibility;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capacity over time with a clock the test moves: the limit a change gives at each date, and the node link that sends
 * {@code set_capacity} until the node's {@code capacity} event confirms it, then puts the registry's limit back.
 */
class CapacityOverTimeTest {
    static final Principal CT = new Principal(1, "ct", Role.CT, null);

    @TempDir
    Path dataDir;
    @TempDir
    Path otherDir;
    CapacityFixture hub;
    final Messages test = new Messages("test", "test-1");

    @BeforeEach
    void start() {
        hub = new CapacityFixture(dataDir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Instant now() {
        return hub.clock.instant();
    }

    @Test
    void the_effective_capacity_follows_the_calendar_and_a_cancellation() {
        Instant start = now();
        CapacityChange cut = hub.service.plan(CT, new CapacityService.Plan("smallepad", Kind.REGULAR, 20,
                start.plus(Duration.ofDays(1)), start.plus(Duration.ofDays(10)), "Corona"));
        hub.service.plan(CT, new CapacityService.Plan("smallepad", Kind.REGULAR, 30, start.plus(Duration.ofDays(10)), null,
                "Half weer open"));

        assertEquals(43, hub.service.effective("smallepad", Kind.REGULAR, start));
        assertEquals(20, hub.service.effective("smallepad", Kind.REGULAR, start.plus(Duration.ofDays(1))));
        assertEquals(20, hub.service.effective("smallepad", Kind.REGULAR, start.plus(Duration.ofDays(10)).minusMillis(1)));
        assertEquals(30, hub.service.effective("smallepad", Kind.REGULAR, start.plus(Duration.ofDays(400))));
        assertEquals(32, hub.service.effective("ijselberch", Kind.REGULAR, start.plus(Duration.ofDays(5))));

        hub.clock.advance(Duration.ofDays(2));
        hub.service.cancel(CT, cut.id(), "Maatregel voorbij");

        assertEquals(43, hub.service.effective("smallepad", Kind.REGULAR, now()));
        assertEquals(20, hub.service.effective("smallepad", Kind.REGULAR, start.plus(Duration.ofDays(1))),
                "the past stays as it was");
    }

    @Test
    void a_bed_cut_is_sent_until_the_node_confirms_and_the_availability_follows_then_it_is_put_back() {
        hub.deliver(test.testBirth());
        hub.service.plan(CT, new CapacityService.Plan("test", Kind.REGULAR, 2, null, now().plus(Duration.ofHours(1)),
                "Twee kamers in de verf"));

        assertEquals(List.of(new Command.SetCapacity(Kind.REGULAR, 2)), hub.link.tick());
        hub.clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(), hub.link.tick(), "not again within ten seconds");
        hub.clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(new Command.SetCapacity(Kind.REGULAR, 2)), hub.link.tick(), "again after ten seconds");
        assertFalse(calendar().get("confirmed").asBoolean());

        // The node closes its highest free beds and says so (the lead's ingest closes them at the hub).
        hub.deliver(test.next(new Payload.Capacity(Kind.REGULAR, 2, true, "set_capacity", null, List.of("T3", "T4"))));
        hub.clock.advance(Duration.ofSeconds(20));

        assertEquals(List.of(), hub.link.tick());
        assertTrue(calendar().get("confirmed").asBoolean());
        assertEquals(2, calendar().get("reported").asInt());
        assertEquals(2, regular("test").capacity());
        assertEquals(2, regular("test").free());

        hub.clock.advance(Duration.ofHours(1));
        assertEquals(List.of(new Command.SetCapacity(Kind.REGULAR, 4)), hub.link.tick(), "the change ended: all four back");
        assertEquals("ended", calendar().get("state").asText());
        assertFalse(calendar().get("confirmed").asBoolean());
        hub.deliver(test.next(new Payload.Capacity(Kind.REGULAR, 4, true, "set_capacity", null, List.of())));
        assertEquals(List.of(), hub.link.tick());
        assertTrue(calendar().get("confirmed").asBoolean(), "back at the registry's limit");
        hub.clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of(), hub.link.tick(), "settled: nothing more to send");
        assertEquals(4, regular("test").capacity());
    }

    @Test
    void a_node_that_comes_back_gets_its_limit_at_once() {
        hub.service.plan(CT, new CapacityService.Plan("test", Kind.REGULAR, 3, null, null, "Eén kamer dicht"));
        assertEquals(1, hub.link.tick().size(), "sent while the node is offline (the broker may hold it)");
        hub.clock.advance(Duration.ofSeconds(2));

        hub.deliver(test.testBirth());

        assertEquals(List.of(new Command.SetCapacity(Kind.REGULAR, 3)), hub.link.tick(), "at once, not after ten seconds");
        assertEquals(List.of(new Command.SetCapacity(Kind.REGULAR, 3)), hub.sentTo("test-1").subList(1, 2));
    }

    @Test
    void a_count_kind_gets_its_capacity_and_a_kind_no_change_touched_is_left_alone() {
        Messages nood = new Messages("noodbedden", "noodbedden-1");
        hub.deliver(nood.next(new Payload.Birth("test", 30, List.of(), List.of(new Payload.CountState(Kind.NOOD, 10, true, 0)))));
        hub.deliver(test.testBirth());
        hub.service.plan(CT, new CapacityService.Plan("noodbedden", Kind.NOOD, 6, null, null, "Zes bedden in gebruik"));

        List<Command.SetCapacity> sent = hub.link.tick();

        assertEquals(List.of(new Command.SetCapacity(Kind.NOOD, 6)), sent);
        assertEquals(List.of(new Command.SetCapacity(Kind.NOOD, 6)), hub.sentTo("noodbedden-1"));
        hub.deliver(nood.next(new Payload.Capacity(Kind.NOOD, 6, true, "set_capacity")));
        hub.clock.advance(Duration.ofSeconds(30));
        assertEquals(List.of(), hub.link.tick());
        assertEquals(6, hub.projection.snapshot().locations().get("noodbedden").kinds().get(0).capacity());
        assertTrue(hub.sentTo("test-1").isEmpty(), "no change for the test location: nothing sent there");
    }

    @Test
    void after_a_restart_the_registry_still_has_the_configured_places_not_the_cut_the_node_reported() {
        Messages nood = new Messages("noodbedden", "noodbedden-1");
        hub.deliver(nood.next(new Payload.Birth("test", 30, List.of(), List.of(new Payload.CountState(Kind.NOOD, 10, true, 0)))));
        CapacityChange cut = hub.service.plan(CT, new CapacityService.Plan("noodbedden", Kind.NOOD, 6, null, null, "Zes"));
        hub.link.tick();
        hub.deliver(nood.next(new Payload.Capacity(Kind.NOOD, 6, true, "set_capacity")));

        hub.close();
        hub = new CapacityFixture(dataDir);

        assertEquals(10, hub.registry.place("noodbedden-1", "*nood").orElseThrow().capacity());
        hub.service.cancel(CT, cut.id(), "Weer alle tien");
        assertEquals(List.of(new Command.SetCapacity(Kind.NOOD, 10)), hub.link.tick());
        hub.deliver(nood.next(new Payload.Capacity(Kind.NOOD, 10, true, "set_capacity")));
        assertEquals(10, hub.projection.snapshot().locations().get("noodbedden").kinds().get(0).capacity(),
                "the node's ten are not refused as more than the registry gives");
    }

    @Test
    void a_retired_location_leaves_availability_and_the_counts_at_its_date_but_keeps_its_history() {
        hub.deliver(test.testBirth());
        JsonNode retired = hub.parse(hub.post("/api/v1/locations/test/retire", "ct",
                "{\"at\":\"" + now().plus(Duration.ofHours(1)) + "\",\"reason\":\"Contract loopt af\"}"));
        assertEquals(now().plus(Duration.ofHours(1)).toString(), retired.get("retired").asText());
        assertTrue(retired.get("present").asBoolean());
        assertTrue(available("test"));

        hub.clock.advance(Duration.ofHours(1));
        hub.projection.refreshFreshness();

        assertFalse(available("test"));
        assertFalse(hub.parse(hub.get("/api/v1/capacity-changes", "ct")).get("dates").get(0).get("present").asBoolean());
        assertTrue(hub.registry.location("test").isPresent(), "its node and history stay");
        assertEquals(409, hub.post("/api/v1/locations/test/retire", "ct", "{\"reason\":\"Nog eens\"}").statusCode());
        assertEquals(404, hub.post("/api/v1/locations/nowhere/retire", "ct", "{\"reason\":\"x\"}").statusCode());
        assertEquals(409, hub.post("/api/v1/capacity-changes", "ct", "{\"site\":\"test\",\"kind\":\"regular\",\"capacity\":2,"
                + "\"reason\":\"x\"}").statusCode());
        assertEquals(1, hub.audit.entries(hub.database, "location.retired", 5).size());
        // Node events still arrive and are stored; the location stays out of availability.
        hub.deliver(test.checkIn("T1", Messages.token(1)));
        assertFalse(available("test"));
    }

    @Test
    void a_location_that_opens_at_a_date_is_not_in_availability_before_it() throws Exception {
        // A hub whose region file says the test location opens on 15 December (Amsterdam time).
        hub.close();
        hub = new CapacityFixture(otherDir, CapacityFixture.testLocationOpening("2026-12-15"));
        hub.deliver(test.testBirth());

        assertFalse(available("test"));
        assertTrue(available("smallepad"));
        assertEquals(Instant.parse("2026-12-14T23:00:00Z"),
                hub.parse(hub.get("/api/v1/capacity-changes", "ct")).get("dates").get(0).get("opens").asText()
                        .transform(Instant::parse));

        hub.clock.advance(Duration.between(now(), Instant.parse("2026-12-14T23:00:00Z")));
        hub.projection.refreshFreshness();
        hub.login();

        assertTrue(available("test"));
    }

    @Test
    void ct_opens_a_prepared_location_earlier_than_its_region_file_said_and_it_stays_open_after_a_restart() {
        hub.close();
        hub = new CapacityFixture(otherDir, CapacityFixture.testLocationOpening("2027-01-15"));
        hub.deliver(test.testBirth());
        assertFalse(available("test"));
        assertEquals(409, hub.post("/api/v1/locations/smallepad/open", "ct", "{\"reason\":\"Vorst\"}").statusCode(),
                "an open location cannot be opened");
        assertEquals(400, hub.post("/api/v1/locations/test/open", "ct", "{\"at\":\"2020-01-01\",\"reason\":\"Vorst\"}")
                .statusCode());
        assertEquals(400, hub.post("/api/v1/locations/test/open", "ct", "{}").statusCode(), "a reason is needed");
        assertFalse(available("test"), "the refusals changed nothing");

        HttpResponse<String> opened = hub.post("/api/v1/locations/test/open", "ct", "{\"reason\":\"Vorst, extra plekken\"}");

        assertEquals(200, opened.statusCode(), opened.body());
        assertEquals(now().toString(), hub.parse(opened).get("opens").asText());
        hub.projection.refreshFreshness(); // the hub's ticker, every second
        assertTrue(available("test"));
        assertTrue(hub.audit.entries(hub.database, "location.opened", 10).stream()
                .anyMatch(entry -> entry.actor().equals("ct") && entry.detail().contains("Vorst, extra plekken")));
        hub.close();
        hub = new CapacityFixture(otherDir, CapacityFixture.testLocationOpening("2027-01-15"));
        hub.projection.refreshFreshness();
        assertTrue(available("test"), "the API's opening wins over the region file's date after a restart");
    }

    /** Whether the location is in the availability answer; the projection and the counts topic must agree. */
    private boolean available(String site) {
        java.net.http.HttpResponse<String> response = hub.get("/api/v1/availability", "ct");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = hub.parse(response);
        assertNotNull(answer.get("totals"));
        boolean listed = false;
        for (JsonNode location : answer.get("locations")) {
            listed |= location.get("code").asText().equals(site);
        }
        assertEquals(listed, hub.projection.snapshot().locations().containsKey(site));
        List<HubCounts> published = new ArrayList<>();
        new CountsBroadcast(hub.projection, new Visibility(hub.registry, "Regio"), hub.clock, counts -> published.add(counts))
                .tick();
        assertEquals(listed, published.get(0).locations().stream().anyMatch(each -> each.code().equals(site)), "counts topic");
        return listed;
    }

    private JsonNode calendar() {
        return hub.parse(hub.get("/api/v1/capacity-changes", "ct")).get("changes").get(0);
    }

    private KindAvailability regular(String site) {
        return hub.projection.snapshot().locations().get(site).kinds().stream().filter(kind -> kind.kind() == Kind.REGULAR)
                .findFirst().orElseThrow();
    }
}
