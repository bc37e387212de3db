package nl.opvang.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.protocol.Kind;

/**
 * Kiosk to CT screen (docs/DESIGN.md §8): a real device {@link Node} records a check-in or check-out; the clock starts
 * when the local commit returns and stops when the SSE {@code location} frame showing it is read by an HTTP subscriber.
 * One node and one subscriber serve the whole section, as at a location that has been running for a while.
 *
 * <p>Measured at steady state ({@link Steady}); each run reports the compilation that still happened while it ran.
 */
final class SseLatencyBench implements AutoCloseable {
    private final String brokerUrl;
    private final String site;
    private final String nodeCode;
    private final Node node;
    private final SseSubscriber subscriber;
    private final List<String> regular = BenchRegion.regularBeds();
    private int changes;
    private int occupied;

    SseLatencyBench(String brokerUrl, int httpPort, String token, int location, Path dataDir, ObjectMapper json)
            throws Exception {
        this.brokerUrl = brokerUrl;
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        for (String bed : regular) {
            beds.add(new NodeConfig.BedConfig(bed, Kind.REGULAR));
        }
        beds.add(new NodeConfig.BedConfig("C1", Kind.CRISIS));
        this.site = BenchRegion.site(location);
        this.nodeCode = BenchRegion.node(location);
        NodeConfig config = NodeConfig.simulated(site, nodeCode, brokerUrl, dataDir.resolve("sse-node"), beds, List.of());
        this.node = Node.start(config, Clock.systemUTC());
        SseSubscriber opened = null;
        try {
            opened = new SseSubscriber(httpPort, token, json);
            SseSubscriber ready = opened;
            Await.until(() -> node.pendingCount() == 0 && node.hubConnected() && ready.hasSnapshot(), 30, "the node's birth");
        } catch (Exception | Error e) {
            if (opened != null) {
                opened.close();
            }
            node.close();
            throw e;
        }
        this.subscriber = opened;
    }

    /** Changes back to back until the JIT settles ({@link Steady}), at most {@code maxChanges}: changes, last batch ms. */
    long[] warmUp(int maxChanges) throws Exception {
        return Steady.warmUp(maxChanges, this::change);
    }

    /** One measured run of {@code count} changes, 5 ms apart: p50, p99 and max in ms, and the JIT's ms during it. */
    double[] run(int count) throws Exception {
        subscriber.drain();
        long[] samples = new long[count];
        long jitBefore = Steady.jitMillis();
        for (int i = 0; i < count; i++) {
            samples[i] = change().latency();
            Thread.sleep(5);
        }
        return new double[] {Stats.millis(Stats.percentile(samples, 0.5)), Stats.millis(Stats.percentile(samples, 0.99)),
            Stats.millis(Stats.max(samples)), Steady.jitMillis() - jitBefore};
    }

    /**
     * One run like {@link #run}, with a bystander ({@link Watch}) on the node's event and ack topics, to show where the
     * time goes: commit → event at the broker and commit → ack, p50 and p99 in ms. Apart from the measured runs, because
     * the bystander's two extra deliveries per change compete for the same cores.
     */
    double[] breakdown(int count) throws Exception {
        subscriber.drain();
        long[] atBroker = new long[count];
        long[] atAck = new long[count];
        try (Watch watch = new Watch(brokerUrl, site, nodeCode)) {
            for (int i = 0; i < count; i++) {
                Change change = change();
                atBroker[i] = watch.eventNanos(change.seq()) - change.committed();
                atAck[i] = watch.ackNanos(change.seq()) - change.committed();
                Thread.sleep(5);
            }
        }
        return new double[] {Stats.millis(Stats.percentile(atBroker, 0.5)), Stats.millis(Stats.percentile(atAck, 0.5)),
            Stats.millis(Stats.percentile(atBroker, 0.99)), Stats.millis(Stats.percentile(atAck, 0.99))};
    }

    /** One change: its seq, when the node's commit returned and when its frame was read ({@link System#nanoTime()}). */
    private record Change(long seq, long committed, long shown) {
        long latency() {
            return shown - committed;
        }
    }

    /** Checks a client in (or the last one out) and waits for its frame. */
    private Change change() throws InterruptedException {
        String bed = regular.get((changes / 2) % regular.size());
        long seq;
        if (changes % 2 == 0) {
            seq = node.checkIn(bed, "pas-" + changes, "0307").envelope().seq();
            occupied++;
        } else {
            seq = node.checkOut(bed, "pas-" + (changes - 1), "eigen-woning").envelope().seq();
            occupied--;
        }
        long committed = System.nanoTime();
        changes++;
        SseSubscriber.Frame frame = subscriber.await(site, occupied, 10_000);
        if (frame == null) {
            throw new IllegalStateException("no SSE frame for change " + changes + " within 10 s");
        }
        return new Change(seq, committed, frame.nanos());
    }

    @Override
    public void close() {
        subscriber.close();
        node.close();
    }
}
