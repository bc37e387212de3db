package nl.opvang.device.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Destination;
import nl.opvang.protocol.HoldRefusal;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.TurnAwayReason;

/**
 * A generated past for the demo's simulated nodes (issue 16): {@value #WEEKS} weeks of nights before now, shelters
 * mostly full (each free bed is taken most evenings, stays last days to weeks), a week of frost with the noodbedden
 * open, clients who come back (the same pass numbers, so the same tokens), turn-aways on full nights and origins
 * spread over the region's municipalities, and CT's placement requests to the locations it places at (most accepted
 * within minutes and followed by the check-in that names them, some refused, a few never answered). A pure function of
 * the nodes, the end time, the seed and those locations: the same seed gives the same steps. {@link Simulation} performs the steps on the nodes themselves, on a clock set to each
 * step's time, so the hub receives them as any node's events with their own (past) times.
 */
public final class History {
    public static final int WEEKS = 12;
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** CBS codes of the region's municipalities (docs/DESIGN.md §7), Amersfoort most often, and the contract's two others. */
    static final List<String> ORIGINS = List.of("0307", "0307", "0307", "0307", "0308", "0313", "0327", "0267", "0342",
            "0351", "passant", "unknown");
    /** Where people go at check-out: the protocol's one vocabulary, no list of the simulator's own. */
    static final List<String> DESTINATIONS = Destination.codes();
    /** The nights (counted from the first) of the frost: noodbedden open, more people at the door. */
    private static final int FROST_FROM = 45;
    private static final int FROST_TO = 52;

    /** One thing that happened at a node. */
    public sealed interface Action {
    }

    /** A check-in; {@code hold}: the placement request it fulfils, or null. */
    public record CheckIn(String bed, String pass, String origin, UUID hold) implements Action {
    }

    public record CheckOut(String bed, String pass, String destination) implements Action {
    }

    public record TurnAway(TurnAwayReason reason, Kind kind) implements Action {
    }

    public record OpenNood(Instant until) implements Action {
    }

    public record CloseNood() implements Action {
    }

    public record Count(Kind kind, int occupied) implements Action {
    }

    /** An action of the node at {@code node} (its index in the configs) at {@code at}. */
    public record Step(Instant at, int node, Action action) {
    }

    /** How a placement request ended: accepted (and fulfilled by a check-in), refused, or never answered. */
    public enum Answer { ACCEPTED, REFUSED, NONE }

    /**
     * A placement request CT made at the hub at {@code at} for a place of {@code kind} at the node {@code node} (its
     * index in the configs), and its answer at {@code answeredAt} (null: none, it expired): accepted on {@code bed}
     * and fulfilled by the check-in at {@code checkedInAt} that names {@code hold}, or refused with {@code refusal}.
     * Requests are made and answered at the hub (CT, and the location's staff on the hub's pages), so the hub writes
     * them as its own past (hub {@code demo.Demo}); the node only sends the check-in.
     */
    public record Request(UUID hold, Instant at, int node, Kind kind, Answer answer, Instant answeredAt, String bed,
                          HoldRefusal refusal, Instant checkedInAt) {
    }

    /** One node's kind on one night (named by the date of its 12:00 start): the most occupied, and the open places. */
    public record Sample(LocalDate night, String site, Kind kind, int occupied, int capacity) {
    }

    /**
     * The steps in time order, the samples per night, who is in which bed at the end (per node: bed → pass),
     * everyone who stayed (pass → municipality of origin), so that the live simulation can bring them back, and the
     * placement requests in time order.
     */
    public record Plan(Instant start, List<Step> steps, List<Sample> samples, List<Map<String, String>> inBed,
                       Map<String, String> clients, List<Request> requests) {
    }

    private final Random random;
    private final Placing placing;
    private final List<Step> steps = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    /** Everyone who has stayed, by pass number, with their municipality of origin. */
    private final Map<String, String> clients = new LinkedHashMap<>();
    private final List<String> inside = new ArrayList<>();
    private int nextPass;

    private History(long seed, Set<String> placedAt) {
        this.random = new Random(seed);
        this.placing = new Placing(seed, placedAt);
    }

    /** The {@value #WEEKS} weeks of nights before the one {@code end} falls in, for {@code nodes}; no requests. */
    public static Plan plan(List<NodeConfig> nodes, Instant end, long seed) {
        return plan(nodes, end, seed, Set.of());
    }

    /** As {@link #plan(List, Instant, long)}, with CT's placement requests to the locations (sites) {@code placedAt}. */
    public static Plan plan(List<NodeConfig> nodes, Instant end, long seed, Set<String> placedAt) {
        return new History(seed, placedAt).generate(nodes, end);
    }

    private Plan generate(List<NodeConfig> nodes, Instant end) {
        LocalDate tonight = nightOf(end);
        LocalDate first = tonight.minusDays(7L * WEEKS);
        List<Map<String, Integer>> leaving = new ArrayList<>();
        List<Map<String, String>> beds = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            leaving.add(new HashMap<>());
            beds.add(new LinkedHashMap<>());
        }
        for (LocalDate night = first; night.isBefore(tonight); night = night.plusDays(1)) {
            int n = (int) (night.toEpochDay() - first.toEpochDay());
            boolean frost = n >= FROST_FROM && n < FROST_TO;
            for (int i = 0; i < nodes.size(); i++) {
                night(nodes.get(i), i, night, n, frost, beds.get(i), leaving.get(i));
            }
        }
        steps.sort(Comparator.comparing(Step::at).thenComparing(Step::node));
        Instant start = steps.isEmpty() ? end : steps.get(0).at().minusSeconds(60);
        return new Plan(start, List.copyOf(steps), List.copyOf(samples), beds.stream().map(Map::copyOf).toList(),
                Collections.unmodifiableMap(new LinkedHashMap<>(clients)), placing.requests());
    }

    /** One night at one node: the morning's leavers (of the night before), the evening's arrivals, the door. */
    private void night(NodeConfig node, int index, LocalDate night, int n, boolean frost, Map<String, String> beds,
                       Map<String, Integer> leaving) {
        for (String bed : List.copyOf(beds.keySet())) {
            if (leaving.get(bed) <= n) {
                String pass = beds.remove(bed);
                inside.remove(pass);
                steps.add(new Step(at(night, 8, 30, 150), index, new CheckOut(bed, pass, pick(DESTINATIONS))));
            }
        }
        Map<Kind, int[]> perKind = new LinkedHashMap<>();
        for (NodeConfig.BedConfig bed : node.beds()) {
            int[] counts = perKind.computeIfAbsent(bed.kind(), kind -> new int[2]);
            counts[1]++;
            // The first night fills the shelter as it was; after that a free bed is taken on about half the evenings
            // (people come by referral, not all at once), which keeps the shelters at about 90 %.
            if (!beds.containsKey(bed.bed()) && random.nextDouble() < (n == 0 ? 0.9 : 0.45)) {
                String pass = client();
                beds.put(bed.bed(), pass);
                leaving.put(bed.bed(), n + 1 + stay(bed.kind()));
                Instant at = at(night, 17, 0, 360);
                // The first night is the shelter as it was; after that some arrivals were placed by CT's request.
                UUID hold = n > 0 ? placing.arrival(node, index, bed, at) : null;
                steps.add(new Step(at, index, new CheckIn(bed.bed(), pass, clients.get(pass), hold)));
            }
            if (beds.containsKey(bed.bed())) {
                counts[0]++;
            }
        }
        perKind.forEach((kind, counts) -> {
            samples.add(new Sample(night, node.site(), kind, counts[0], counts[1]));
            placing.unplaced(node, index, kind, night, counts[0] == counts[1]);
            // A full night: now and then someone at the door, more often in the frost.
            if (counts[0] == counts[1] && random.nextDouble() < (frost ? 0.6 : 0.3)) {
                int atDoor = 1 + random.nextInt(2);
                for (int i = 0; i < atDoor; i++) {
                    steps.add(new Step(at(night, 19, 0, 300), index, new TurnAway(reason(), kind)));
                }
            }
        });
        for (NodeConfig.CountConfig count : node.counts()) {
            counted(node, count, index, night, frost);
        }
    }

    /** A count-only kind: noodbedden open only in the frost, nearly full; other counts stay near 90 %. */
    private void counted(NodeConfig node, NodeConfig.CountConfig count, int index, LocalDate night, boolean frost) {
        if (count.kind() != Kind.NOOD) {
            int occupied = (int) Math.round(count.capacity() * (0.85 + random.nextDouble() * 0.15));
            steps.add(new Step(at(night, 21, 0, 60), index, new Count(count.kind(), occupied)));
            samples.add(new Sample(night, node.site(), count.kind(), occupied, count.capacity()));
            return;
        }
        if (!frost) {
            samples.add(new Sample(night, node.site(), Kind.NOOD, 0, 0));
            return;
        }
        int occupied = Math.max(1, count.capacity() - random.nextInt(2));
        steps.add(new Step(at(night, 16, 0, 30), index, new OpenNood(local(night.plusDays(1), 12, 0))));
        steps.add(new Step(at(night, 22, 0, 60), index, new Count(Kind.NOOD, occupied)));
        // The guests leave in the morning, and the places close before the afternoon's check-outs are counted.
        steps.add(new Step(at(night, 32, 0, 60), index, new Count(Kind.NOOD, 0)));
        steps.add(new Step(at(night, 33, 30, 20), index, new CloseNood()));
        samples.add(new Sample(night, node.site(), Kind.NOOD, occupied, count.capacity()));
    }

    /**
     * Who comes in: often someone who stayed before and is not inside now (the revolving door), else someone new with
     * a municipality of origin. Pass numbers are made up and only this generator and the node's memory know them.
     */
    private String client() {
        List<String> returning = clients.keySet().stream().filter(pass -> !inside.contains(pass)).toList();
        String pass;
        if (!returning.isEmpty() && random.nextDouble() < 0.35) {
            pass = returning.get(random.nextInt(returning.size()));
        } else {
            pass = "SIM" + (700_000_000 + nextPass++);
            clients.put(pass, pick(ORIGINS));
        }
        inside.add(pass);
        return pass;
    }

    /** Nights of one stay: crisis places days, family places months, the rest one to four weeks. */
    private int stay(Kind kind) {
        double mean = kind == Kind.CRISIS ? 4 : kind == Kind.FAMILY ? 40 : kind == Kind.OPSTART ? 10 : 16;
        return (int) Math.min(120, Math.round(-Math.log(1 - random.nextDouble()) * mean));
    }

    private TurnAwayReason reason() {
        return random.nextDouble() < 0.6 ? TurnAwayReason.FULL : pick(List.of(TurnAwayReason.values()));
    }

    /** A time on {@code night} from {@code hour} (past 24 is the next morning) local, plus up to {@code spread} minutes. */
    private Instant at(LocalDate night, int hour, int minute, int spread) {
        return at(random, night, hour, minute, spread);
    }

    static Instant at(Random random, LocalDate night, int hour, int minute, int spread) {
        return local(night.plusDays(hour / 24), hour % 24, minute).plusSeconds(random.nextInt(spread * 60 + 1));
    }

    private static Instant local(LocalDate date, int hour, int minute) {
        return date.atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
    }

    /** The night {@code instant} belongs to: the local date of the 12:00 that began it (docs/DESIGN.md §4). */
    static LocalDate nightOf(Instant instant) {
        ZonedDateTime local = instant.atZone(ZONE);
        return local.toLocalTime().isBefore(LocalTime.NOON) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    }

    private <T> T pick(List<T> items) {
        return pick(random, items);
    }

    static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
