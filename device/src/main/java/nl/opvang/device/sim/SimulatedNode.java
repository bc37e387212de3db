package nl.opvang.device.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.opvang.device.node.Node;
import nl.opvang.device.node.OperationRefused;
import nl.opvang.device.node.PlaceState;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.protocol.TurnAwayReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One simulated location: picks a plausible next step from its node's own state and performs it. */
final class SimulatedNode {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedNode.class);

    private final Node node;
    private final Random random;
    private final ScheduledExecutorService scheduler;
    private final Duration meanInterval;
    /** Pass numbers of the clients this simulation checked in, by bed; only the simulation knows them. */
    private final Map<String, String> passes = new HashMap<>();
    /** Everyone the simulation knows, shared by its nodes: the history's clients come back. */
    private final Clients clients;

    SimulatedNode(Node node, Random random, ScheduledExecutorService scheduler, Duration meanInterval,
                  Clients clients) {
        this.node = node;
        this.random = random;
        this.scheduler = scheduler;
        this.meanInterval = meanInterval;
        this.clients = clients;
    }

    Node node() {
        return node;
    }

    /** Who the history left in which bed, so that they can check out again. */
    void knows(Map<String, String> inBed) {
        passes.putAll(inBed);
    }

    void schedule() {
        // Exponential gaps: independent events at the mean rate, like people arriving at a door.
        long delay = (long) (-Math.log(1 - random.nextDouble()) * meanInterval.toMillis());
        try {
            scheduler.schedule(this::step, Math.max(1, delay), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("simulation stopped");
        }
    }

    private void step() {
        try {
            act(node.state());
        } catch (OperationRefused e) {
            LOG.debug("simulated step refused: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("simulated node {} failed a step: {}", node.config().node(), e.toString());
        }
        schedule();
    }

    private void act(PlaceState state) {
        // A bed closed by a capacity limit is free but takes nobody (issue 13).
        List<Payload.BedState> free = withStatus(state, PlaceStatus.FREE).stream().filter(Payload.BedState::open).toList();
        List<Payload.BedState> occupied = state.beds().stream()
                .filter(bed -> bed.status() == PlaceStatus.OCCUPIED && passes.containsKey(bed.bed())).toList();
        List<Payload.BedState> cleaning = withStatus(state, PlaceStatus.CLEANING);
        double roll = random.nextDouble();
        if (!cleaning.isEmpty() && roll < 0.15) {
            node.bedStatus(pick(cleaning).bed(), PlaceStatus.FREE);
        } else if (!state.counts().isEmpty() && roll < 0.3) {
            countChange(pick(state.counts()));
        } else if (!occupied.isEmpty() && (roll < 0.6 || free.isEmpty())) {
            checkOut(pick(occupied).bed());
        } else if (!free.isEmpty()) {
            checkIn(pick(free).bed());
        } else {
            node.turnAway(turnAwayReason(), null);
        }
    }

    /** Mostly "full" (nobody is turned away here while a bed is free), now and then another reason of the vocabulary. */
    private TurnAwayReason turnAwayReason() {
        return random.nextDouble() < 0.7 ? TurnAwayReason.FULL : pick(List.of(TurnAwayReason.values()));
    }

    /** Someone arrives: often a client who stayed before (in the history or since), else someone new. */
    private void checkIn(String bed) {
        Clients.Arrival arrival = clients.arrive(random, History.ORIGINS);
        try {
            node.checkIn(bed, arrival.pass(), arrival.origin());
        } catch (RuntimeException e) {
            clients.left(arrival.pass());
            throw e;
        }
        passes.put(bed, arrival.pass());
    }

    private void checkOut(String bed) {
        String pass = passes.remove(bed);
        try {
            node.checkOut(bed, pass, pick(History.DESTINATIONS));
        } finally {
            clients.left(pass);
        }
        if (random.nextDouble() < 0.3) {
            node.bedStatus(bed, PlaceStatus.CLEANING);
        }
    }

    private void countChange(Payload.CountState count) {
        if (!count.open() || count.capacity() == 0) {
            return;
        }
        int next = count.occupied() + (random.nextBoolean() ? 1 : -1);
        node.count(count.kind(), Math.max(0, Math.min(count.capacity(), next)));
    }

    private static List<Payload.BedState> withStatus(PlaceState state, PlaceStatus status) {
        return state.beds().stream().filter(bed -> bed.status() == status).toList();
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    void close() {
        try {
            node.close();
        } catch (RuntimeException e) {
            LOG.debug("closing simulated node: {}", e.toString());
        }
    }
}
