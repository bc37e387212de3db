package nl.opvang.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.protocol.Kind;

/**
 * Kiosk to CT screen (DESIGN §8): a real device {@link Node} records a check-in or check-out; the clock starts when the
 * local commit returns and stops when the SSE {@code location} frame showing it is read by an HTTP subscriber.
 */
final class SseLatencyBench {
    private final String brokerUrl;
    private final int httpPort;
    private final String token;
    private final int location;
    private final Path dataDir;

    SseLatencyBench(String brokerUrl, int httpPort, String token, int location, Path dataDir) {
        this.brokerUrl = brokerUrl;
        this.httpPort = httpPort;
        this.token = token;
        this.location = location;
        this.dataDir = dataDir;
    }

    /**
     * One run over {@code count} changes, in ms: SSE p50, p99, max; then where the time goes, seen by a subscriber on
     * the node's event and ack topics: commit → event at a broker subscriber p50, commit → ack p50, and both p99.
     */
    double[] run(int count, int runIndex) throws Exception {
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        for (String bed : BenchRegion.regularBeds()) {
            beds.add(new NodeConfig.BedConfig(bed, Kind.REGULAR));
        }
        beds.add(new NodeConfig.BedConfig("C1", Kind.CRISIS));
        String site = BenchRegion.site(location);
        NodeConfig config = NodeConfig.simulated(site, BenchRegion.node(location), brokerUrl,
                dataDir.resolve("sse-node-" + (runIndex + 100)), beds, List.of());
        long[] samples = new long[count];
        long[] atBroker = new long[count];
        long[] atAck = new long[count];
        try (Node node = Node.start(config, Clock.systemUTC()); SseSubscriber subscriber = new SseSubscriber(httpPort, token);
             Watch watch = new Watch(brokerUrl, site, BenchRegion.node(location))) {
            await(() -> node.pendingCount() == 0 && node.hubConnected() && subscriber.hasSnapshot(), 30, "the node's birth");
            Thread.sleep(200);
            subscriber.drain();
            List<String> regular = BenchRegion.regularBeds();
            int occupied = 0;
            for (int i = 0; i < count; i++) {
                String bed = regular.get((i / 2) % regular.size());
                long seq;
                if (i % 2 == 0) {
                    seq = node.checkIn(bed, "pas-" + i, "0307").envelope().seq();
                    occupied++;
                } else {
                    seq = node.checkOut(bed, "pas-" + (i - 1), "eigen-woning").envelope().seq();
                    occupied--;
                }
                long committed = System.nanoTime();
                SseSubscriber.Frame frame = subscriber.await(site, occupied, 10_000);
                if (frame == null) {
                    throw new IllegalStateException("no SSE frame for change " + i + " within 10 s");
                }
                samples[i] = frame.nanos() - committed;
                atBroker[i] = watch.eventNanos(seq) - committed;
                atAck[i] = watch.ackNanos(seq) - committed;
                Thread.sleep(5);
            }
        }
        double p50 = Stats.millis(Stats.percentile(samples, 0.5));
        double p99 = Stats.millis(Stats.percentile(samples, 0.99));
        return new double[] {p50, p99, Stats.millis(Stats.max(samples)), Stats.millis(Stats.percentile(atBroker, 0.5)),
            Stats.millis(Stats.percentile(atAck, 0.5)), Stats.millis(Stats.percentile(atBroker, 0.99)),
            Stats.millis(Stats.percentile(atAck, 0.99))};
    }

    static void await(Condition condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + seconds + " s for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Something the bench waits for. */
    @FunctionalInterface
    interface Condition {
        boolean holds();
    }
}
