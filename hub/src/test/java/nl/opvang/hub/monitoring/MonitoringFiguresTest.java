package nl.opvang.hub.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.report.OccupancyRecorder;
import nl.opvang.hub.retention.Retention;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every figure against a small history computed by hand (docs/MONITORING.md), ingested through the real event store on
 * a real SQLite file, with the hub's clock moved by the test. Each event carries the time it was sent (the envelope's
 * {@code at}, the hub's clock at that moment); {@link MonitoringEventTimeTest} delivers the same history late. Times
 * below are Europe/Amsterdam (UTC+1 in this season).
 *
 * <pre>
 * token 1  T1 regular, from Amersfoort (0307): in 22 Nov 23:00, out 25 Nov 09:00 to 'woning'  nights 22, 23, 24
 * token 2  T2 regular, passant:               in 22 Nov 23:00, still there                   nights 22 ...
 * token 3  T5 crisis, from Rotterdam (0599):  in 22 Nov 23:00, out 27 Nov 10:00 to 'straat'  nights 22 ... 26 (5)
 * turn-aways on the night of 23 Nov: full, full, not_suitable
 * token 1  T3 again, from Amersfoort:         in  1 Dec 22:00 (6 days after leaving), still there
 * token 4  T4, origin unknown:                in  1 Dec 22:00, ended without check-out when token 5 took T4
 * token 5  T4, from Baarn (0308):             in  2 Dec 22:00
 * </pre>
 */
class MonitoringFiguresTest {
    private static final Map<String, String> NOVEMBER = Map.of("maand", "2026-11");
    private static final Map<String, String> DECEMBER = Map.of("van", "2026-12-01", "tot", "2026-12-03",
            "verblijven", "2");

    @TempDir
    Path dataDir;
    HubStoreFixture hub;
    Monitoring monitoring;
    final Messages node = new Messages("test", "test-1");

    @BeforeEach
    void history() {
        hub = new HubStoreFixture(dataDir);
        monitoring = new Monitoring(hub.database, hub.registry,
                RegionFile.resource(RegionFile.SEED).municipalities(), hub.clock);
        hub.deliver(node.testBirth());
        at("2026-11-22T22:00:00Z");
        hub.deliver(in("T1", 1, "0307"), in("T2", 2, "passant"), in("T5", 3, "0599"));
        at("2026-11-23T20:00:00Z");
        hub.deliver(away("full"), away("full"), away("not_suitable"));
        at("2026-11-25T08:00:00Z");
        hub.deliver(out("T1", 1, "woning"));
        at("2026-11-27T09:00:00Z");
        hub.deliver(out("T5", 3, "straat"));
        at("2026-12-01T21:00:00Z");
        hub.deliver(in("T3", 1, "0307"), in("T4", 4, "unknown"));
        at("2026-12-02T21:00:00Z");
        hub.deliver(in("T4", 5, "0308"));
        at("2026-12-03T11:00:00Z");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void clients_and_nights_count_each_token_once_and_every_night_slept_in_the_period() {
        Answer answer = ct(Figure.CLIENTS, NOVEMBER);
        assertEquals(3, count(answer, "unique_clients"));
        assertEquals(3, count(answer, "stays"));
        assertEquals(3 + 9 + 5, count(answer, "nights"), "token 1: 3, token 2: 22 to 30 Nov, token 3: 5");
        assertEquals("clients/v1", answer.definition());
        assertEquals("2026-11-01", answer.from());
        assertEquals("2026-11-30", answer.to());
        assertFalse(answer.estimate());
    }

    @Test
    void inflow_tells_first_stays_from_returning_clients_and_classes_the_origin() {
        Answer november = ct(Figure.INFLOW, NOVEMBER);
        assertEquals(3, count(november, "stays_started"));
        assertEquals(3, count(november, "first_ever"));
        assertEquals(0, count(november, "returning"));
        assertEquals(1, count(november, "regio"));
        assertEquals(1, count(november, "elders"));
        assertEquals(1, count(november, "passant"));
        assertEquals(0, count(november, "onbekend"));
        assertEquals(1, count(november, "0307"), "Amersfoort");

        Answer december = ct(Figure.INFLOW, DECEMBER);
        assertEquals(3, count(december, "stays_started"));
        assertEquals(2, count(december, "first_ever"));
        assertEquals(1, count(december, "returning"));
        assertEquals(1, count(december, "onbekend"));
        assertEquals(1, count(december, "0308"), "Baarn");
    }

    @Test
    void revolving_door_counts_clients_at_their_nth_stay_and_reentry_after_leaving() {
        Answer december = ct(Figure.REVOLVING_DOOR, DECEMBER);
        assertEquals(1, count(december, "clients_n_stays"), "token 1 with 2 stays in 12 months");
        assertEquals(1, count(december, "reentry_30"), "6 days after leaving");
        assertEquals(1, count(december, "reentry_90"));
        assertEquals(0, count(ct(Figure.REVOLVING_DOOR, Map.of("van", "2026-12-01", "tot", "2026-12-03",
                "verblijven", "3")), "clients_n_stays"));
    }

    @Test
    void length_of_stay_puts_ended_stays_in_buckets_and_counts_those_over_the_targets() {
        Answer answer = ct(Figure.LENGTH_OF_STAY, NOVEMBER);
        assertEquals(2, count(answer, "ended"));
        assertEquals(1, count(answer, "nights_2_3"), "token 1: 3 nights");
        assertEquals(1, count(answer, "nights_4_7"), "token 3: 5 nights");
        assertEquals(0, count(answer, "mo_over_3_months"));
        assertEquals(1, count(answer, "crisis_over_3_days"));
        assertEquals(1, count(answer, "consecutive_over_3"));
    }

    @Test
    void destinations_and_stays_ended_without_check_out() {
        Answer november = ct(Figure.DESTINATIONS, NOVEMBER);
        assertEquals(1, count(november, "woning"));
        assertEquals(1, count(november, "straat"));
        assertEquals(0, count(november, "no_check_out"));
        assertEquals("Eigen woning", row(november, "woning").label());
        assertEquals(1, count(ct(Figure.DESTINATIONS, DECEMBER), "no_check_out"), "token 4, when token 5 took T4");
    }

    @Test
    void destinations_come_from_the_one_vocabulary_with_abroad_and_older_codes_in_the_row_they_stand_for() {
        hub.deliver(out("T2", 2, "begeleid-wonen"), out("T3", 1, "beschermd_wonen"), out("T4", 5, "buitenland"));
        Answer answer = ct(Figure.DESTINATIONS, Map.of("van", "2026-12-02", "tot", "2026-12-02"));
        assertEquals(2, count(answer, "beschermd_wonen"), "the simulator's older code counts with the vocabulary's");
        assertEquals("Beschermd of begeleid wonen", row(answer, "beschermd_wonen").label());
        assertEquals(1, count(answer, "buitenland"));
        assertEquals("Buitenland", row(answer, "buitenland").label());
        assertTrue(answer.rows().stream().noneMatch(row -> row.code().equals("begeleid-wonen")));
    }

    @Test
    void unmet_demand_counts_turn_aways_per_reason() {
        Answer answer = ct(Figure.UNMET_DEMAND, NOVEMBER);
        assertEquals(3, count(answer, "turn_aways"));
        assertEquals(2, count(answer, "full"));
        assertEquals("Vol", row(answer, "full").label());
        assertEquals(1, count(answer, "not_suitable"));
        assertEquals(0, count(answer, "refused"));
    }

    @Test
    void occupancy_and_vacancy_come_from_the_nightly_samples() {
        OccupancyRecorder recorder = new OccupancyRecorder(hub.database, hub.projection, hub.clock);
        recorder.sample(); // 3 Dec 12:00, night of 3 Dec: T2, T3, T4 taken (T1 left), T5 free
        Answer answer = ct(Figure.OCCUPANCY, Map.of("van", "2026-12-03", "tot", "2026-12-03", "locatie", "test"));
        assertEquals(5, count(answer, "place_nights"));
        assertEquals(3, count(answer, "occupied_nights"));
        assertEquals(2, count(answer, "vacancy"));
        assertEquals(60.0, row(answer, "occupancy_rate").cell().value());
        assertEquals(0, count(answer, "nights_full"));
        at("2026-12-04T20:00:00Z");
        hub.deliver(in("T1", 6, "0307"));
        recorder.sample(); // night of 4 Dec: the regular beds full
        Answer full = ct(Figure.OCCUPANCY, Map.of("van", "2026-12-04", "tot", "2026-12-04", "locatie", "test"));
        assertEquals(1, count(full, "nights_full"), "regular on 4 Dec; crisis still has T5");
        assertEquals(1, count(ct(Figure.UNMET_DEMAND, Map.of("van", "2026-12-04", "tot", "2026-12-04", "locatie",
                "test")), "nights_full"));
    }

    @Test
    void the_gemeente_sees_no_count_under_five() {
        Answer answer = monitoring.answer(Figure.CLIENTS, NOVEMBER::get, true);
        assertTrue(answer.suppressed());
        Cell clients = row(answer, "unique_clients").cell();
        assertNull(clients.count());
        assertTrue(clients.suppressed());
        assertEquals("< 5", clients.shown());
        assertEquals(17, count(answer, "nights"));
    }

    @Test
    void filters_by_location_kind_group_and_municipality() {
        assertEquals(1, count(ct(Figure.CLIENTS, Map.of("maand", "2026-11", "soort", "crisis")), "unique_clients"));
        assertEquals(1, count(ct(Figure.CLIENTS, Map.of("maand", "2026-11", "gemeente", "Amersfoort")),
                "unique_clients"));
        assertEquals(3, count(ct(Figure.CLIENTS, Map.of("maand", "2026-11", "doelgroep", "men")), "unique_clients"));
        assertEquals(0, count(ct(Figure.CLIENTS, Map.of("maand", "2026-11", "doelgroep", "families")),
                "unique_clients"));
        assertEquals(3, count(ct(Figure.CLIENTS, Map.of("maand", "2026-11", "locatie", "test")), "unique_clients"));
    }

    @Test
    void a_retention_run_leaves_the_figures_as_they_were_and_marks_client_counts_as_estimates() {
        Answer clients = ct(Figure.CLIENTS, NOVEMBER);
        Answer inflow = ct(Figure.INFLOW, DECEMBER);
        Answer revolving = ct(Figure.REVOLVING_DOOR, DECEMBER);
        hub.clock.advance(Duration.ofDays(60));

        new Retention(hub.database, new AuditLog(hub.clock), hub.clock).reduceOlderThan(Duration.ofDays(30), "test");

        assertEquals(0, hub.count("SELECT COUNT(*) FROM monitor_stay WHERE token_id IS NOT NULL"), "no token links left");
        Answer after = ct(Figure.CLIENTS, NOVEMBER);
        assertEquals(clients.rows(), after.rows());
        assertTrue(after.estimate());
        assertEquals(Answer.ESTIMATE, after.note());
        assertEquals(inflow.rows(), ct(Figure.INFLOW, DECEMBER).rows());
        assertEquals(revolving.rows(), ct(Figure.REVOLVING_DOOR, DECEMBER).rows());
        for (Figure figure : Figure.values()) {
            ct(figure, NOVEMBER); // every figure still answers
        }
    }

    @Test
    void a_retention_run_unlinks_only_the_stays_whose_check_in_it_reduced() {
        Answer inflow = ct(Figure.INFLOW, DECEMBER);

        // Everything before 27 Nov 11:00: the November check-ins and -outs; the December ones keep their token.
        new Retention(hub.database, new AuditLog(hub.clock), hub.clock).reduceOlderThan(Duration.ofDays(6), "test");

        assertEquals(0, hub.count("SELECT COUNT(*) FROM monitor_stay WHERE token_id IS NOT NULL AND first_night < '2026-12-01'"),
                "the November stays of tokens 1, 2 and 3");
        assertEquals(3, hub.count("SELECT COUNT(*) FROM monitor_stay WHERE token_id IS NOT NULL AND first_night >= '2026-12-01'"),
                "the December stays of tokens 1, 4 and 5 keep theirs, token 1's second stay too");
        assertEquals(inflow.rows(), ct(Figure.INFLOW, DECEMBER).rows());
    }

    @Test
    void a_deletion_request_removes_the_token_from_every_stay_of_the_client_and_the_figures_stay() {
        Answer inflow = ct(Figure.INFLOW, DECEMBER);

        new Retention(hub.database, new AuditLog(hub.clock), hub.clock).forget(Messages.token(1), "test");

        assertEquals(0, hub.count("SELECT COUNT(*) FROM monitor_stay WHERE token_id IS NOT NULL AND origin = '0307'"),
                "both stays of token 1");
        assertEquals(4, hub.count("SELECT COUNT(*) FROM monitor_stay WHERE token_id IS NOT NULL"),
                "the stays of tokens 2 to 5 keep theirs");
        Answer after = ct(Figure.INFLOW, DECEMBER);
        assertEquals(inflow.rows(), after.rows());
        assertTrue(after.estimate());
    }

    @Test
    void a_restricted_client_is_left_out_of_the_figures_until_the_restriction_is_lifted() {
        long token = hub.count("SELECT id FROM token WHERE token = '" + Messages.token(1) + "'");
        hub.database.transaction(c -> nl.opvang.sql.Sql.update(c,
                "INSERT INTO privacy_restriction (token_id, request, since_ms) VALUES (?, 'r-1', ?)", token, 0));

        Answer restricted = ct(Figure.CLIENTS, NOVEMBER);
        assertEquals(2, count(restricted, "unique_clients"), "token 1 is restricted");
        assertEquals(9 + 5, count(restricted, "nights"));
        assertEquals(0, count(ct(Figure.INFLOW, DECEMBER), "returning"), "token 1's return is not counted either");

        hub.database.transaction(c -> nl.opvang.sql.Sql.update(c, "DELETE FROM privacy_restriction"));
        assertEquals(3, count(ct(Figure.CLIENTS, NOVEMBER), "unique_clients"), "lifted: counted again");
    }

    private Answer ct(Figure figure, Map<String, String> query) {
        return monitoring.answer(figure, query::get, false);
    }

    private static long count(Answer answer, String code) {
        return row(answer, code).cell().count();
    }

    private static Row row(Answer answer, String code) {
        return answer.rows().stream().filter(row -> row.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + code + " in " + answer.rows()));
    }

    private void at(String instant) {
        hub.clock.advance(Duration.between(hub.clock.instant(), Instant.parse(instant)));
    }

    private nl.opvang.protocol.NodeMessage in(String bed, int token, String origin) {
        return node.next(new Payload.CheckIn(bed, null, Messages.token(token), origin, null), hub.clock.instant());
    }

    private nl.opvang.protocol.NodeMessage out(String bed, int token, String destination) {
        return node.next(new Payload.CheckOut(bed, null, Messages.token(token), destination), hub.clock.instant());
    }

    private nl.opvang.protocol.NodeMessage away(String reason) {
        return node.next(new Payload.TurnAway(reason, Kind.REGULAR), hub.clock.instant());
    }
}
