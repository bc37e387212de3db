package nl.opvang.device.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs many {@link Node}s through the node's own code (the hub's {@code --demo}, load tests): each does random,
 * plausible activity at roughly one event per mean interval. One small shared scheduler drives them all.
 */
public final class Simulation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);

    private final ScheduledExecutorService scheduler;
    private final List<SimulatedNode> simulated;

    private Simulation(ScheduledExecutorService scheduler, List<SimulatedNode> simulated) {
        this.scheduler = scheduler;
        this.simulated = List.copyOf(simulated);
    }

    /** Starts one node per config (their brokers may be down; they connect when they can) and their activity. */
    public static Simulation start(List<NodeConfig> nodes, Duration meanInterval, long seed) {
        return start(nodes, meanInterval, seed, null);
    }

    /**
     * As {@link #start(List, Duration, long)}, but the nodes first live through {@code history} (null: none) on a clock
     * set to each step's time, so their events carry those times, and go on from the state it leaves them in.
     */
    public static Simulation start(List<NodeConfig> nodes, Duration meanInterval, long seed, History.Plan history) {
        if (meanInterval == null || meanInterval.toMillis() < 1) {
            throw new IllegalArgumentException("meanInterval must be at least 1 ms");
        }
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "simulation");
            thread.setDaemon(true);
            return thread;
        });
        List<SimulatedNode> simulated = new ArrayList<>();
        List<StoryClock> clocks = new ArrayList<>();
        // The history's people come back in the live days (the same passes, so the same tokens at the hub).
        Clients clients = history == null ? new Clients(Map.of(), Set.of()) : new Clients(history.clients(),
                history.inBed().stream().flatMap(beds -> beds.values().stream()).collect(Collectors.toSet()));
        try {
            for (int i = 0; i < nodes.size(); i++) {
                clocks.add(new StoryClock(history == null ? null : history.start()));
                Node node = Node.start(nodes.get(i), clocks.get(i));
                simulated.add(new SimulatedNode(node, new Random(seed + 31L * i), scheduler, meanInterval, clients));
            }
            if (history != null) {
                Replay.run(history, simulated, clocks);
            }
        } catch (RuntimeException e) {
            simulated.forEach(SimulatedNode::close);
            scheduler.shutdownNow();
            throw e;
        }
        simulated.forEach(SimulatedNode::schedule);
        LOG.info("simulating {} nodes, one event per {} each on average", simulated.size(), meanInterval);
        return new Simulation(scheduler, simulated);
    }

    /** The running nodes, in the order of the configs. */
    public List<Node> nodes() {
        return simulated.stream().map(SimulatedNode::node).toList();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        simulated.forEach(SimulatedNode::close);
    }
}
