package nl.opvang.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sustained load (DESIGN §8): a steady {@code rate} of events spread over raw nodes for a while, paced by one thread;
 * publish → ack latency of every event. No faults are injected here (the fault tests live with the modules).
 */
final class SustainedBench {
    private final String brokerUrl;
    private final int firstLocation;

    SustainedBench(String brokerUrl, int firstLocation) {
        this.brokerUrl = brokerUrl;
        this.firstLocation = firstLocation;
    }

    /** One run: p50, p99, max in ms, achieved events/s, events. */
    double[] run(int rate, int nodes, Duration duration) throws Exception {
        int perNode = (int) (rate * duration.toSeconds() / nodes) + 10;
        List<RawNode> raw = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                int location = firstLocation + i;
                RawNode node = new RawNode(brokerUrl, BenchRegion.site(location), BenchRegion.node(location),
                        BenchRegion.regularBeds(), IngestBench.WINDOW, perNode);
                raw.add(node);
                node.birth();
            }
            long total = rate * duration.toSeconds();
            int[] sent = new int[nodes];
            long start = System.nanoTime();
            for (long n = 0; n < total; n++) {
                long due = start + n * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int node = (int) (n % nodes);
                raw.get(node).send(raw.get(node).event(sent[node]++));
            }
            double achieved = total / ((System.nanoTime() - start) / 1e9);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (int i = 0; i < nodes; i++) {
                while (raw.get(i).ackedEvents() < sent[i]) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("not every sustained event was acked within 60 s");
                    }
                    Thread.sleep(2);
                }
            }
            long[] latencies = raw.stream().flatMapToLong(node -> Arrays.stream(node.latencies())).toArray();
            return new double[] {Stats.millis(Stats.percentile(latencies, 0.5)), Stats.millis(Stats.percentile(latencies, 0.99)),
                Stats.millis(Stats.max(latencies)), achieved, latencies.length};
        } finally {
            raw.forEach(RawNode::close);
        }
    }
}
