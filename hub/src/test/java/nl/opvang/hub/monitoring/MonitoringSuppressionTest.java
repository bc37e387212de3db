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
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.TargetGroup;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
    static Path dataDir;
    static HubStoreFixture hub;
    static Monitoring monitoring;

    /** The history is read, never changed, by every test: built once. */
    @BeforeAll
    static void history() {
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
        more(nodes.get("kw-jm-1"), token);
        hub.clock.advance(Duration.between(hub.clock.instant(), Instant.parse("2026-12-05T11:00:00Z")));
    }

    /**
     * More of November: Van Galen with regular, opstart and crisis places and Veluwemeer with family and crisis places
     * (a small kind beside bigger ones); Kleine Haag, the one location for the target group 'addiction', with clients
     * from every municipality of the region, five or more from each but Soest (2); and six more turn-aways at the
     * young mothers' secret location, the one location for its target group.
     */
    private static void more(Messages youngMothers, int firstToken) {
        int[] token = {firstToken};
        Messages vangalen = born("vangalen-1");
        Instant in = Instant.parse("2026-11-05T19:00:00Z");
        List<String> beds = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            beds.add(String.format("G%02d", i));
        }
        beds.addAll(List.of("O1", "O2", "O3", "O4", "O5", "GC1", "GC2"));
        stays(vangalen, beds, in, token, List.of("0307", "0308", "passant"));
        turnAways(vangalen, Map.of(Kind.REGULAR, 6, Kind.OPSTART, 5, Kind.CRISIS, 3), "full");
        Messages veluwemeer = born("veluwemeer-1");
        beds = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            beds.add(String.format("F%02d", i));
        }
        beds.addAll(List.of("FC1", "FC2", "FC3"));
        stays(veluwemeer, beds, in, token, List.of("0307", "0313", "unknown"));
        turnAways(veluwemeer, Map.of(Kind.FAMILY, 5), "full");
        turnAways(veluwemeer, Map.of(Kind.CRISIS, 2), "not_suitable");
        Messages kleinehaag = born("kleinehaag-1");
        List<String> origins = new ArrayList<>();
        for (String code : List.of("0307", "0308", "0313", "0327", "0267", "0351", "0345", "passant")) {
            origins.addAll(java.util.Collections.nCopies(5, code));
        }
        origins.addAll(List.of("0342", "0342"));
        for (int round = 0; round < 2; round++) {
            beds = new ArrayList<>();
            for (int i = 1; i <= 21; i++) {
                beds.add(String.format("K%02d", i));
            }
            stays(kleinehaag, beds, Instant.parse("2026-11-03T19:00:00Z").plus(Duration.ofDays(7L * round)), token,
                    origins.subList(21 * round, 21 * round + 21));
        }
        for (int i = 0; i < 6; i++) {
            hub.deliver(youngMothers.next(new Payload.TurnAway("full", Kind.REGULAR),
                    Instant.parse("2026-11-18T20:00:00Z")));
        }
    }

    private static Messages born(String node) {
        Messages messages = new Messages(hub.registry.node(node).orElseThrow().site(), node);
        hub.deliver(birth(messages, node));
        return messages;
    }

    /** One stay per bed, checked in an hour apart from {@code in}, the origins in turn; the even ones leave 5 days on. */
    private static void stays(Messages node, List<String> beds, Instant in, int[] token, List<String> origins) {
        for (int i = 0; i < beds.size(); i++) {
            token[0]++;
            Instant at = in.plus(Duration.ofHours(i));
            hub.deliver(node.next(new Payload.CheckIn(beds.get(i), null, Messages.token(token[0]),
                    origins.get(i % origins.size()), null), at));
            if (i % 2 == 0) {
                hub.deliver(node.next(new Payload.CheckOut(beds.get(i), null, Messages.token(token[0]), "woning"),
                        at.plus(Duration.ofDays(5))));
            }
        }
    }

    private static void turnAways(Messages node, Map<Kind, Integer> times, String reason) {
        times.forEach((kind, count) -> {
            for (int i = 0; i < count; i++) {
                hub.deliver(node.next(new Payload.TurnAway(reason, kind), Instant.parse("2026-11-12T20:00:00Z")));
            }
        });
    }

    @AfterAll
    static void stop() {
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
        assertEquals(14 + 7 + 3 + 1 + 2 + 15 + 12 + 42, count(ct.rows(), "stays"));

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
    void a_target_group_only_a_secret_location_serves_is_its_providers_vo_as_a_whole_for_the_gemeente() {
        Map<String, String> youngMothers = query("doelgroep", "young_mothers");
        assertEquals(7, count(monitoring.answer(Figure.UNMET_DEMAND, youngMothers::get, false).rows(), "turn_aways"),
                "CT: the places for young mothers, at one secret location");
        Answer breakdown = monitoring.answer(Figure.UNMET_DEMAND, query("per", "locatie")::get, true);
        List<Row> vo = breakdown.locations().stream().filter(location -> location.location().equals("vo:Kwintes"))
                .findFirst().orElseThrow().rows();
        assertEquals(3 + 1 + 6, count(vo, "turn_aways"));
        assertEquals(vo, monitoring.answer(Figure.UNMET_DEMAND, youngMothers::get, true).rows(),
                "the gemeente: Kwintes' vrouwenopvang as a whole, as in the breakdown");
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
    void nothing_hidden_or_secret_can_be_computed_from_every_answer_the_gemeente_may_get() {
        for (Figure figure : Figure.values()) {
            attack(figure).assertNothingComputable(figure.path(), relations(figure));
        }
    }

    /**
     * Every answer the gemeente may get about one figure in November, as columns of an {@link Attack}: the tables its
     * answers are columns of (the locations with the target groups, the kinds, the municipalities of origin for the
     * figures about stays), each as the gemeente sees it beside the true numbers. The never published parts of a table
     * (places of unknown kind, clients from outside the region) are taken as known (a stronger attacker than the
     * gemeente); the secret locations on their own must stay unknown. Each table's total is the same number.
     */
    private Attack attack(Figure figure) {
        Attack attack = new Attack();
        List<String> locations = table(attack, figure, Map.of("per", "locatie"), "");
        attack.sum("T", locations.stream().filter(name -> name.startsWith("L:")).toList());
        attack.secret("S:kw-vo", truth(figure, Map.of("locatie", "kw-vo"))).secret("S:kw-jm",
                truth(figure, Map.of("locatie", "kw-jm"))).sum("L:vo:Kwintes", List.of("S:kw-vo", "S:kw-jm"));
        for (TargetGroup group : TargetGroup.values()) {
            // Its column of the location table, which is the same table with it (the group follows, never changes it).
            Map<String, String> question = new HashMap<>(NOVEMBER);
            question.put("doelgroep", group.wire());
            Monitoring.Table truth = monitoring.table(figure, question::get, true, false);
            Monitoring.Table shown = monitoring.table(figure, question::get, true, true);
            assertEquals(truth.names().size() - 1, truth.answered(), "the group's column, after the locations'");
            attack.published("G:" + group.wire(), truth.rows().get(truth.answered()),
                    shown.rows().get(shown.answered()));
            for (String location : locations) {
                assertEquals(attack.shown(location), shown.rows().get(shown.names().indexOf(location)), location);
            }
            // For the gemeente a target group is the whole of the locations that serve it (a provider's VO as one).
            List<String> serving = new ArrayList<>();
            for (Location location : hub.registry.locations()) {
                String whole = location.secret() ? "L:vo:" + location.provider() : "L:" + location.code();
                if (serves(location, group) && !serving.contains(whole)) {
                    serving.add(whole);
                }
            }
            // A group no location serves is known to be 0 everywhere: nothing to protect.
            if (!serving.isEmpty()) {
                attack.sum("G:" + group.wire(), serving);
            }
        }
        List<String> kinds = table(attack, figure, Map.of("soort", "crisis"), "#kinds");
        attack.same("T", "T#kinds").sum("T#kinds", kinds.subList(1, kinds.size()));
        if (STAY_FIGURES.contains(figure)) {
            List<String> origins = table(attack, figure, Map.of("gemeente", "0342"), "#origins");
            attack.same("T", "T#origins").sum("T#origins", origins.subList(1, origins.size()));
        }
        return attack;
    }

    private static final List<Figure> STAY_FIGURES = List.of(Figure.CLIENTS, Figure.INFLOW, Figure.REVOLVING_DOOR,
            Figure.LENGTH_OF_STAY, Figure.DESTINATIONS);

    /**
     * Adds the table the gemeente's answer to {@code filter} is a column of (its total as T{@code suffix}); the answer
     * itself must be that column. Returns the columns' names; those no answer publishes are known (shown as true).
     */
    private List<String> table(Attack attack, Figure figure, Map<String, String> filter, String suffix) {
        Map<String, String> question = new HashMap<>(NOVEMBER);
        question.putAll(filter);
        Monitoring.Table truth = monitoring.table(figure, question::get, true, false);
        Monitoring.Table shown = monitoring.table(figure, question::get, true, true);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < truth.names().size(); c++) {
            String name = truth.names().get(c);
            name = name.equals("T") ? "T" + suffix : name;
            boolean never = name.endsWith(":?");
            attack.published(name, truth.rows().get(c), never ? truth.rows().get(c) : shown.rows().get(c));
            names.add(name);
        }
        if (!filter.containsKey("per")) {
            assertEquals(shown.rows().get(shown.answered()), monitoring.answer(figure, question::get, true).rows(),
                    figure + ": the answer to " + filter + " is its column of the table");
        }
        return names;
    }

    private List<Row> truth(Figure figure, Map<String, String> filter) {
        Map<String, String> question = new HashMap<>(NOVEMBER);
        question.putAll(filter);
        return monitoring.answer(figure, question::get, false).rows();
    }

    private static boolean serves(Location location, TargetGroup group) {
        return location.audience().groups().contains(group) || location.audience().byKind().values().stream()
                .anyMatch(groups -> groups.contains(group));
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

    private static NodeMessage birth(Messages messages, String node) {
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
