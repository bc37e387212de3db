package nl.opvang.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import nl.opvang.harness.TcpProxy;

/**
 * Sustained load under faults (docs/DESIGN.md §8): a steady {@code rate} of events spread over raw nodes, paced by one
 * thread, while the faults of §9 that can hit a running hub are injected: a flood of bad messages and wrong-password
 * logins ({@link FaultInjector}), every 50th event of each node sent twice, every 100th pair swapped, one node's clock
 * a day behind, and the links of a few nodes (each behind its own {@link TcpProxy}) cut in turn. Reported: publish →
 * ack of every event, with the events a cut caught (they waited for their link) apart; afterwards every node's session
 * must be in the hub's database exactly once, seq 1..last.
 */
final class SustainedBench {
    /** Nodes whose link is cut in turn; they connect through their own proxy. */
    static final int CUT_NODES = 4;
    static final int DUPLICATE_EVERY = 50;
    static final int SWAP_EVERY = 100;
    /** A link is cut every this often (or twice in a shorter run), for at most {@link #CUT_DOWN_MILLIS}. */
    static final long CUT_EVERY_MILLIS = 10_000;
    static final long CUT_DOWN_MILLIS = 2_000;

    private final String brokerUrl;
    private final int brokerPort;
    private final int httpPort;
    private final int metricsPort;
    private final Path hubDatabase;
    private final int firstLocation;

    /** What one run measured. */
    record Result(long[] linksUp, long[] caughtByCut, double achieved, String faults, double rejectedByHub) {
    }

    SustainedBench(String brokerUrl, int brokerPort, int httpPort, int metricsPort, Path hubDatabase, int firstLocation) {
        this.brokerUrl = brokerUrl;
        this.brokerPort = brokerPort;
        this.httpPort = httpPort;
        this.metricsPort = metricsPort;
        this.hubDatabase = hubDatabase;
        this.firstLocation = firstLocation;
    }

    Result run(int rate, int nodes, Duration duration) throws Exception {
        int perNode = (int) (rate * duration.toSeconds() / nodes) + 10;
        List<RawNode> raw = new ArrayList<>();
        List<TcpProxy> proxies = new ArrayList<>();
        List<Integer> badTargets = IntStream.range(firstLocation + nodes, firstLocation + nodes + 10).boxed().toList();
        double rejectedBefore = HubMetrics.read(metricsPort).sum("opvang_messages_rejected_total");
        try (FaultInjector faults = new FaultInjector(brokerUrl, httpPort, badTargets)) {
            for (int i = 0; i < nodes; i++) {
                int location = firstLocation + i;
                String url = brokerUrl;
                if (i < CUT_NODES) {
                    TcpProxy proxy = new TcpProxy(brokerPort);
                    proxies.add(proxy);
                    url = proxy.url();
                }
                Duration clock = i == nodes - 1 ? Duration.ofDays(-1) : Duration.ZERO;
                RawNode node = new RawNode(url, BenchRegion.site(location), BenchRegion.node(location),
                        BenchRegion.regularBeds(), IngestBench.WINDOW, perNode, true, clock);
                raw.add(node);
                node.birth();
            }
            faults.start();
            long cutEvery = Math.min(CUT_EVERY_MILLIS, duration.toMillis() / 2);
            faults.cutLinks(raw.subList(0, CUT_NODES), proxies, cutEvery, Math.min(CUT_DOWN_MILLIS, cutEvery / 2));
            long total = rate * duration.toSeconds();
            int[] sent = new int[nodes];
            long start = System.nanoTime();
            for (long n = 0; n < total; n++) {
                long due = start + n * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int index = (int) (n % nodes);
                RawNode node = raw.get(index);
                int event = sent[index]++;
                byte[] payload = node.event(event);
                if (event % SWAP_EVERY == SWAP_EVERY - 2 && event + 1 < perNode - 10) {
                    node.sendSwapped(payload, node.event(sent[index]++));
                    n++;
                } else {
                    node.send(payload);
                }
                if (event % DUPLICATE_EVERY == DUPLICATE_EVERY - 1) {
                    node.sendAgain(payload);
                }
            }
            double achieved = total / ((System.nanoTime() - start) / 1e9);
            String injected = faults.summary();
            faults.close();
            proxies.forEach(TcpProxy::restore);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (int i = 0; i < nodes; i++) {
                while (raw.get(i).ackedEvents() < sent[i]) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("not every sustained event was acked within 60 s after the load: "
                                + raw.get(i).node() + " " + raw.get(i).ackedEvents() + " of " + sent[i]);
                    }
                    Thread.sleep(2);
                }
            }
            for (RawNode node : raw) {
                BacklogBench.verifyStoredOnce(hubDatabase, node.node(), node.session(), node.lastSeq());
            }
            double rejected = HubMetrics.read(metricsPort).sum("opvang_messages_rejected_total") - rejectedBefore;
            long[] up = raw.stream().flatMapToLong(node -> Arrays.stream(node.latencies(false))).toArray();
            long[] caught = raw.stream().flatMapToLong(node -> Arrays.stream(node.latencies(true))).toArray();
            return new Result(up, caught, achieved, injected, rejected);
        } finally {
            raw.forEach(RawNode::close);
            proxies.forEach(TcpProxy::close);
        }
    }
}
