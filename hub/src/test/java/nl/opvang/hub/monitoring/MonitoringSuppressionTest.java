package nl.opvang.hub.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-location breakdown and complementary suppression (docs/MONITORING.md "Per location", "Small cells"): a month
 * of stays and turn-aways at five locations of the seed region, two of them secret (Kwintes' VO and young mothers),
 * some with many people and some with few, so that many cells are under 5 and their totals are not; at Smallepad one
 * turn-away reason is the only small one (which primary suppression alone gives away).
 */
class MonitoringSuppressionTest {
    private static final Map<String, String> NOVEMBER = Map.of("maand", "2026-11");
    /** Stays per node in November, and its first bed letter and number of beds. */
    private static final Map<String, Integer> STAYS = Map.of("smallepad-1", 14, "amergaard-1", 7, "kw-vo-1", 3,
            "kw-jm-1", 1, "test-1", 2);

    @TempDir
    Path dataDir;
    HubStoreFixture hub;
    Monitoring monitoring;

    @BeforeEach
    void history() {
        hub = new HubStoreFixture(dataDir);
        monitoring = new Monitoring(hub.database, hub.registry,
                RegionFile.resource(RegionFile.SEED).municipalities(), hub.clock);
        Random random = new Random(11);
        Map<String, Messages> nodes = new HashMap<>();
        List<String> origins = List.of("0307", "0307", "0308", "0313", "passant", "unknown", "0599");
        List<String> destinations = List.of("woning", "straat", "andere_opvang", "zorg", "buitenland");
        int token = 0;
        for (String node : List.of("smallepad-1", "amergaard-1", "kw-vo-1", "kw-jm-1", "test-1")) {
            Messages messages = new Messages(hub.registry.node(node).orElseThrow().site(), node);
            nodes.put(node, messages);
            hub.deliver(node.equals("test-1") ? messages.testBirth() : birth(messages, node));
            Instant at = Instant.parse("2026-11-02T19:00:00Z");
            for (int stay = 0; stay < STAYS.get(node); stay++) {
                String bed = bed(node, stay);
                token++;
                at = at.plus(Duration.ofHours(20 + random.nextInt(20)));
                hub.deliver(messages.next(new Payload.CheckIn(bed, null, Messages.token(token),
                        origins.get(random.nextInt(origins.size())), null), at));
                if (random.nextInt(4) > 0) {
                    hub.deliver(messages.next(new Payload.CheckOut(bed, null, Messages.token(token),
                            destinations.get(random.nextInt(destinations.size()))), at.plus(Duration.ofDays(1
                            + random.nextInt(9)))));
                }
            }
            for (int away = 0; away < STAYS.get(node); away++) {
                hub.deliver(messages.next(new Payload.TurnAway(away % 3 == 0 ? "not_suitable" : "full",
                        Kind.REGULAR), at.plus(Duration.ofHours(away))));
            }
            if (node.equals("smallepad-1")) {
                // Every reason 5 times or more but 'other' twice: without complementary suppression the total less the
                // shown reasons would give the 2 away.
                Map<String, Integer> more = Map.of("regional_binding", 5, "behaviour", 5, "refused", 5, "other", 2);
                more.forEach((reason, times) -> {
                    for (int i = 0; i < times; i++) {
                        hub.deliver(messages.next(new Payload.TurnAway(reason, Kind.REGULAR),
                                Instant.parse("2026-11-20T20:00:00Z")));
                    }
                });
            }
        }
        hub.clock.advance(Duration.between(hub.clock.instant(), Instant.parse("2026-12-05T11:00:00Z")));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void the_breakdown_has_a_row_per_location_and_the_secret_ones_only_in_their_providers_vo_total() throws Exception {
        Answer ct = monitoring.answer(Figure.CLIENTS, query("per", "locatie")::get, false);
        Map<String, Answer.LocationRows> byCode = new HashMap<>();
        ct.locations().forEach(location -> byCode.put(location.location(), location));
        assertEquals(14, count(byCode.get("smallepad").rows(), "stays"));
        assertEquals(3 + 1, count(byCode.get("vo:Kwintes").rows(), "stays"), "VO and young mothers together");
        assertEquals("Vrouwenopvang (Kwintes)", byCode.get("vo:Kwintes").label());
        assertEquals(14 + 7 + 3 + 1 + 2, count(ct.rows(), "stays"));

        for (boolean gemeente : List.of(true, false)) {
            for (Figure figure : Figure.values()) {
                String json = new ObjectMapper().writeValueAsString(monitoring.answer(figure,
                        query("per", "locatie")::get, gemeente));
                for (String secret : List.of("kw-vo", "kw-jm", "Jonge moeders", "\"Vrouwenopvang\"")) {
                    assertFalse(json.contains(secret), figure + " names " + secret + ": " + json);
                }
            }
        }
    }

    @Test
    void the_gemeente_sees_no_count_under_five_in_the_breakdown_and_a_location_asked_alone_as_in_it() {
        for (Figure figure : Figure.values()) {
            Answer answer = monitoring.answer(figure, query("per", "locatie")::get, true);
            List<Row> all = new ArrayList<>(answer.rows());
            answer.locations().forEach(location -> all.addAll(location.rows()));
            for (Row row : all) {
                Cell cell = row.cell();
                assertTrue(cell.suppressed() ? cell.count() == null && cell.value() == null
                        : cell.count() == null || cell.count() >= Cell.THRESHOLD, figure + " shows " + row);
            }
            Answer.LocationRows smallepad = answer.locations().stream()
                    .filter(location -> location.location().equals("smallepad")).findFirst().orElseThrow();
            assertEquals(smallepad.rows(), monitoring.answer(figure, query("locatie", "smallepad")::get, true).rows(),
                    figure + ": the same cells hidden, asked alone or in the breakdown");
        }
    }

    @Test
    void no_hidden_cell_of_the_breakdown_can_be_computed_from_the_numbers_it_shows() {
        for (Figure figure : Figure.values()) {
            Answer ct = monitoring.answer(figure, query("per", "locatie")::get, false);
            Answer gemeente = monitoring.answer(figure, query("per", "locatie")::get, true);
            List<List<Row>> truth = new ArrayList<>(List.of(ct.rows()));
            List<List<Row>> shown = new ArrayList<>(List.of(gemeente.rows()));
            ct.locations().forEach(location -> truth.add(location.rows()));
            gemeente.locations().forEach(location -> shown.add(location.rows()));
            Derivable.assertNoneDerivable(figure + " per location", truth, shown, relations(figure));
        }
    }

    @Test
    void no_hidden_cell_of_a_kind_can_be_computed_from_the_other_kinds_and_the_total() {
        for (Figure figure : Figure.values()) {
            List<List<Row>> truth = new ArrayList<>(List.of(monitoring.answer(figure, NOVEMBER::get, false).rows()));
            List<List<Row>> shown = new ArrayList<>(List.of(monitoring.answer(figure, NOVEMBER::get, true).rows()));
            for (Kind kind : Kind.values()) {
                truth.add(monitoring.answer(figure, query("soort", kind.wire())::get, false).rows());
                shown.add(monitoring.answer(figure, query("soort", kind.wire())::get, true).rows());
            }
            Derivable.assertNoneDerivable(figure + " per kind", truth, shown, relations(figure));
        }
    }

    @Test
    void no_hidden_cell_of_a_municipality_of_origin_can_be_computed_from_the_others_and_the_total() {
        List<String> codes = new Municipalities(RegionFile.resource(RegionFile.SEED).municipalities()).names().stream()
                .map(name -> new Municipalities(RegionFile.resource(RegionFile.SEED).municipalities()).code(name)
                        .orElseThrow()).toList();
        for (Figure figure : List.of(Figure.CLIENTS, Figure.INFLOW, Figure.REVOLVING_DOOR, Figure.LENGTH_OF_STAY,
                Figure.DESTINATIONS)) {
            List<Row> total = monitoring.answer(figure, NOVEMBER::get, false).rows();
            List<List<Row>> truth = new ArrayList<>(List.of(total));
            List<List<Row>> shown = new ArrayList<>(List.of(monitoring.answer(figure, NOVEMBER::get, true).rows()));
            long[] rest = total.stream().mapToLong(row -> row.cell().count() == null ? 0 : row.cell().count()).toArray();
            for (String code : codes) {
                List<Row> rows = monitoring.answer(figure, query("gemeente", code)::get, false).rows();
                truth.add(rows);
                shown.add(monitoring.answer(figure, query("gemeente", code)::get, true).rows());
                for (int r = 0; r < rows.size(); r++) {
                    rest[r] -= rows.get(r).cell().count() == null ? 0 : rows.get(r).cell().count();
                }
            }
            // The clients from elsewhere are never answered; a number of theirs under 5 must not be computable either.
            // The others are taken as known (a stronger attacker than the gemeente is).
            List<Row> others = new ArrayList<>();
            List<Row> hidden = new ArrayList<>();
            for (int r = 0; r < total.size(); r++) {
                Row row = total.get(r);
                others.add(new Row(row.part(), row.code(), row.label(), Cell.count(rest[r], false)));
                hidden.add(new Row(row.part(), row.code(), row.label(), Cell.count(rest[r], true)));
            }
            truth.add(others);
            shown.add(hidden);
            Derivable.assertNoneDerivable(figure + " per municipality", truth, shown, relations(figure));
        }
    }

    @Test
    void the_check_finds_a_hidden_cell_that_primary_suppression_alone_gives_away() {
        List<Row> truth = List.of(row("turn_aways", 12), row("full", 9), row("not_suitable", 3));
        List<Row> primaryOnly = List.of(row("turn_aways", 12), row("full", 9),
                new Row("weggestuurd", "not_suitable", "x", new Cell(null, null, "aantal", true, "< 5")));
        List<Tally.Relation> relations = List.of(new Tally.Relation("weggestuurd/turn_aways",
                List.of("weggestuurd/full", "weggestuurd/not_suitable")));
        AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> Derivable.assertNoneDerivable("12 = 9 + ?", List.of(truth), List.of(primaryOnly), relations));
        assertTrue(error.getMessage().contains("not_suitable"), error.getMessage());
    }

    private static Row row(String code, long count) {
        return new Row("weggestuurd", code, code, Cell.count(count, false));
    }

    /** The figure's relations as the code declares them (a total and its parts), read from a counted answer. */
    private List<Tally.Relation> relations(Figure figure) {
        return hub.database.read(connection -> {
            Tally tally = new Tally();
            Selection selection = new Selection(java.time.LocalDate.parse("2026-11-01"),
                    java.time.LocalDate.parse("2026-11-30"), null, null, null, null, null, null, null);
            StayStore stays = new StayStore(connection, selection, "2026-12-04",
                    new Municipalities(RegionFile.resource(RegionFile.SEED).municipalities()));
            PlaceStore places = new PlaceStore(connection, selection);
            switch (figure) {
                case CLIENTS -> stays.clients(tally);
                case OCCUPANCY -> places.occupancy(tally);
                case INFLOW -> stays.inflow(tally);
                case REVOLVING_DOOR -> stays.revolvingDoor(tally, 3);
                case LENGTH_OF_STAY -> stays.lengthOfStay(tally);
                case DESTINATIONS -> stays.destinations(tally);
                case UNMET_DEMAND -> places.unmetDemand(tally);
                default -> places.placement(tally);
            }
            return tally.relations();
        });
    }

    private static Map<String, String> query(String name, String value) {
        return Map.of("maand", "2026-11", name, value);
    }

    private static long count(List<Row> rows, String code) {
        return rows.stream().filter(row -> row.code().equals(code)).findFirst().orElseThrow().cell().count();
    }

    private static String bed(String node, int stay) {
        return switch (node) {
            case "smallepad-1" -> String.format("S%02d", 1 + stay);
            case "amergaard-1" -> String.format("A%02d", 1 + stay);
            case "kw-vo-1" -> String.format("V%02d", 1 + stay);
            case "kw-jm-1" -> "J" + (1 + stay);
            default -> "T" + (1 + stay);
        };
    }

    private NodeMessage birth(Messages messages, String node) {
        List<Payload.BedState> beds = new ArrayList<>();
        List<Payload.CountState> counts = new ArrayList<>();
        for (var place : hub.registry.node(node).orElseThrow().places()) {
            if (place.counted()) {
                counts.add(new Payload.CountState(place.kind(), place.capacity(), place.open(), 0, null));
            } else {
                beds.add(new Payload.BedState(place.key(), place.kind(), PlaceStatus.FREE));
            }
        }
        return messages.next(new Payload.Birth("test", 30, beds, counts), Instant.parse("2026-11-01T12:00:00Z"));
    }
}
