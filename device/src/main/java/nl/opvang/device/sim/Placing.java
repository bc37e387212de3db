package nl.opvang.device.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.HoldRefusal;
import nl.opvang.protocol.Kind;

/**
 * CT's placement requests in a {@link History}, at the locations (sites) it places at: about one arrival in five came
 * through a request made earlier that evening, answered within minutes; now and then one is refused, and late in the
 * evening one is never answered. Drawn from a random stream of its own, so that the rest of the story is the same
 * with or without requests.
 */
final class Placing {
    /** The share of check-ins at a location CT places at that came through its request. */
    private static final double PLACED = 0.2;
    /** Per night and kind at such a location: the chance of a request refused, and of one never answered. */
    private static final double REFUSED = 0.03;
    private static final double UNANSWERED = 0.012;

    private final Random random;
    private final Set<String> placedAt;
    private final long seed;
    private final List<History.Request> requests = new ArrayList<>();

    Placing(long seed, Set<String> placedAt) {
        this.random = new Random(seed * 31 + 7);
        this.placedAt = Set.copyOf(placedAt);
        this.seed = seed;
    }

    /** The requests made, in time order. */
    List<History.Request> requests() {
        List<History.Request> sorted = new ArrayList<>(requests);
        sorted.sort(Comparator.comparing(History.Request::at).thenComparing(History.Request::node));
        return List.copyOf(sorted);
    }

    /**
     * Whether the arrival on {@code bed} at {@code checkIn} came through a request, and if so the hold it names: made
     * before, accepted within minutes on that bed, and the person on their way (all within the two hours a hold runs).
     */
    UUID arrival(NodeConfig node, int index, NodeConfig.BedConfig bed, Instant checkIn) {
        if (!placedAt.contains(node.site()) || random.nextDouble() >= PLACED) {
            return null;
        }
        int answer = minutesToAnswer();
        Instant made = checkIn.minus(Duration.ofMinutes(answer + 15 + random.nextInt(40)));
        UUID hold = hold();
        requests.add(new History.Request(hold, made, index, bed.kind(), History.Answer.ACCEPTED,
                made.plus(Duration.ofMinutes(answer)), bed.bed(), null, checkIn));
        return hold;
    }

    /**
     * Requests of one night and kind that place no one: now and then one refused (on a full night mostly for want of a
     * place, else as not suited, for safety or another reason) and, late in the evening, one nobody answered.
     */
    void unplaced(NodeConfig node, int index, Kind kind, LocalDate night, boolean full) {
        if (!placedAt.contains(node.site())) {
            return;
        }
        if (random.nextDouble() < REFUSED) {
            Instant made = History.at(random, night, 18, 0, 300);
            HoldRefusal refusal = full && random.nextDouble() < 0.7 ? HoldRefusal.NO_PLACE : History.pick(random,
                    List.of(HoldRefusal.NO_PLACE, HoldRefusal.UNSUITED, HoldRefusal.UNSUITED, HoldRefusal.SAFETY,
                            HoldRefusal.OTHER));
            requests.add(new History.Request(hold(), made, index, kind, History.Answer.REFUSED,
                    made.plus(Duration.ofMinutes(minutesToAnswer())), null, refusal, null));
        }
        if (random.nextDouble() < UNANSWERED) {
            requests.add(new History.Request(hold(), History.at(random, night, 21, 30, 150), index, kind,
                    History.Answer.NONE, null, null, null, null));
        }
    }

    /** Minutes from a request to its answer: mostly a few, now and then most of an hour. */
    private int minutesToAnswer() {
        return 1 + (int) Math.min(60, Math.round(-Math.log(1 - random.nextDouble()) * 9));
    }

    /** A hold id of this history: the same seed gives the same ids. */
    private UUID hold() {
        return UUID.nameUUIDFromBytes(("opvang-demo-hold-" + seed + "-" + requests.size()).getBytes(
                StandardCharsets.UTF_8));
    }
}
