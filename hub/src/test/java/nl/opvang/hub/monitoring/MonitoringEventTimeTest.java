package nl.opvang.hub.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures date an event by its own time, bounded by its arrival (docs/MONITORING.md "Event times"): a node that was
 * offline for ten days delivers MonitoringFiguresTest's history in one batch on 3 Dec, and the figures are those of the
 * nights it happened on; a clock ahead of the hub's, or far behind it, dates the event by its arrival.
 */
class MonitoringEventTimeTest {
    private static final Map<String, String> NOVEMBER = Map.of("maand", "2026-11");
    private static final Map<String, String> DECEMBER = Map.of("van", "2026-12-01", "tot", "2026-12-03");

    @TempDir
    Path dataDir;
    HubStoreFixture hub;
    Monitoring monitoring;
    final Messages node = new Messages("test", "test-1");

    @BeforeEach
    void start() {
        hub = new HubStoreFixture(dataDir);
        monitoring = new Monitoring(hub.database, hub.registry,
                RegionFile.resource(RegionFile.SEED).municipalities(), hub.clock);
        hub.deliver(node.testBirth());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_history_delivered_late_in_one_batch_counts_on_the_nights_it_happened() {
        List<NodeMessage> history = List.of(in("T1", 1, "0307", "2026-11-22T22:00:00Z"),
                in("T2", 2, "passant", "2026-11-22T22:00:00Z"), in("T5", 3, "0599", "2026-11-22T22:00:00Z"),
                away("2026-11-23T20:00:00Z"), away("2026-11-23T20:00:00Z"),
                out("T1", 1, "woning", "2026-11-25T08:00:00Z"), out("T5", 3, "straat", "2026-11-27T09:00:00Z"),
                in("T3", 1, "0307", "2026-12-01T21:00:00Z"), in("T4", 4, "unknown", "2026-12-01T21:00:00Z"),
                in("T4", 5, "0308", "2026-12-02T21:00:00Z"));
        at("2026-12-03T11:00:00Z");
        hub.deliver(history.toArray(NodeMessage[]::new));

        Answer clients = ct(Figure.CLIENTS, NOVEMBER);
        assertEquals(3, count(clients, "unique_clients"));
        assertEquals(3 + 9 + 5, count(clients, "nights"), "the nights slept, not one night of arrival");
        assertEquals(2, count(ct(Figure.UNMET_DEMAND, NOVEMBER), "turn_aways"), "on the night of 23 Nov");
        Answer length = ct(Figure.LENGTH_OF_STAY, NOVEMBER);
        assertEquals(1, count(length, "nights_2_3"), "token 1: 3 nights");
        assertEquals(1, count(length, "nights_4_7"), "token 3: 5 nights");
        Answer december = ct(Figure.INFLOW, DECEMBER);
        assertEquals(3, count(december, "stays_started"));
        assertEquals(1, count(december, "returning"));
        assertEquals(1, count(ct(Figure.REVOLVING_DOOR, DECEMBER), "reentry_30"), "6 days after leaving");
    }

    @Test
    void a_clock_ahead_of_the_hub_dates_the_event_by_its_arrival() {
        at("2026-11-22T22:00:00Z");
        hub.deliver(in("T1", 1, "0307", "2027-03-01T22:00:00Z"));

        assertEquals(1, count(ct(Figure.INFLOW, NOVEMBER), "stays_started"), "in November, not in March");
        assertEquals(0, count(ct(Figure.INFLOW, Map.of("maand", "2027-03")), "stays_started"));
    }

    @Test
    void a_clock_far_behind_the_hub_dates_the_event_by_its_arrival() {
        at("2026-11-22T22:00:00Z");
        Instant broken = Instant.parse("2026-11-22T22:00:00Z").minus(EventTime.TRUSTED).minus(Duration.ofDays(1));
        hub.deliver(node.next(new Payload.TurnAway("full", Kind.REGULAR), broken),
                in("T2", 2, "0307", Instant.parse("2026-11-22T22:00:00Z").minus(Duration.ofDays(40)).toString()));

        assertEquals(1, count(ct(Figure.UNMET_DEMAND, NOVEMBER), "turn_aways"), "100 days back: not believed");
        assertEquals(1, count(ct(Figure.INFLOW, Map.of("maand", "2026-10")), "stays_started"),
                "40 days back: believed");
    }

    private Answer ct(Figure figure, Map<String, String> query) {
        return monitoring.answer(figure, query::get, false);
    }

    private static long count(Answer answer, String code) {
        return answer.rows().stream().filter(row -> row.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + code + " in " + answer.rows())).cell().count();
    }

    private void at(String instant) {
        hub.clock.advance(Duration.between(hub.clock.instant(), Instant.parse(instant)));
    }

    private NodeMessage in(String bed, int token, String origin, String at) {
        return node.next(new Payload.CheckIn(bed, null, Messages.token(token), origin, null), Instant.parse(at));
    }

    private NodeMessage out(String bed, int token, String destination, String at) {
        return node.next(new Payload.CheckOut(bed, null, Messages.token(token), destination), Instant.parse(at));
    }

    private NodeMessage away(String at) {
        return node.next(new Payload.TurnAway("full", Kind.REGULAR), Instant.parse(at));
    }
}
