package nl.opvang.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Peak durable ingest (docs/DESIGN.md §8): many registered nodes, each a raw Paho publisher speaking the contract with
 * a bounded window of unacked events; an event counts when the hub's ack, sent after the durable commit, covers it.
 * Rate = acked events / (last ack − first publish).
 */
final class IngestBench {
    static final int WINDOW = 100;

    private final String brokerUrl;
    private final int firstLocation;
    private final Map<String, Long> processes;
    private final List<Map<String, Double>> cpu = new ArrayList<>();

    /**
     * Uses generated locations {@code firstLocation ..} of the bench region; {@code processes}: name → pid of the
     * processes (the broker, a peer) whose CPU use is accounted for during each run.
     */
    IngestBench(String brokerUrl, int firstLocation, Map<String, Long> processes) {
        this.brokerUrl = brokerUrl;
        this.firstLocation = firstLocation;
        this.processes = Map.copyOf(processes);
    }

    /** Where the CPU went in each run so far, from first publish to last ack ({@link CpuAccount}). */
    List<Map<String, Double>> cpu() {
        return cpu;
    }

    /** One run: events/s, p50 ms, p99 ms of publish → ack, and events rejected by the hub. */
    double[] run(int nodes, int eventsPerNode) throws Exception {
        List<RawNode> raw = Collections.synchronizedList(new ArrayList<>());
        try {
            // Connecting took ~0.35 s per client on the busy machine: connect all nodes at once, not one by one.
            RawNode[] connected = new RawNode[nodes];
            List<Thread> connectors = new ArrayList<>();
            List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < nodes; i++) {
                int slot = i;
                int location = firstLocation + i;
                Thread connector = new Thread(() -> {
                    try {
                        connected[slot] = new RawNode(brokerUrl, BenchRegion.site(location), BenchRegion.node(location),
                                BenchRegion.regularBeds(), WINDOW, eventsPerNode);
                        raw.add(connected[slot]);
                        connected[slot].publishBirth();
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }, "connect-" + i);
                connector.start();
                connectors.add(connector);
            }
            for (Thread connector : connectors) {
                connector.join();
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            List<byte[][]> payloads = new ArrayList<>();
            for (RawNode node : connected) {
                byte[][] events = new byte[eventsPerNode][];
                for (int n = 0; n < eventsPerNode; n++) {
                    events[n] = node.event(n);
                }
                payloads.add(events);
            }
            for (RawNode node : connected) {
                node.awaitBirth();
            }
            List<Thread> senders = new ArrayList<>();
            CpuAccount before = CpuAccount.now(processes);
            long start = System.nanoTime();
            for (int i = 0; i < nodes; i++) {
                RawNode node = connected[i];
                byte[][] events = payloads.get(i);
                Thread sender = new Thread(() -> {
                    try {
                        for (byte[] event : events) {
                            node.send(event);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "ingest-" + i);
                senders.add(sender);
                sender.start();
            }
            for (Thread sender : senders) {
                sender.join();
            }
            Await.until(() -> raw.stream().allMatch(node -> node.ackedEvents() >= eventsPerNode), 60, "every event's ack");
            CpuAccount after = CpuAccount.now(processes);
            cpu.add(after.since(before));
            long last = raw.stream().mapToLong(RawNode::lastAckNanos).max().orElseThrow();
            long total = (long) nodes * eventsPerNode;
            long[] latencies = raw.stream().flatMapToLong(node -> java.util.Arrays.stream(node.latencies())).toArray();
            int rejected = raw.stream().mapToInt(RawNode::rejected).sum();
            return new double[] {total / ((last - start) / 1e9), Stats.millis(Stats.percentile(latencies, 0.5)),
                Stats.millis(Stats.percentile(latencies, 0.99)), rejected, after.hubMicrosPerEvent(before, total),
                after.hubMicrosPerEvent(before, total, CpuAccount.HUB_PARTS.get(0)),
                after.hubMicrosPerEvent(before, total, CpuAccount.HUB_PARTS.get(1)),
                after.hubMicrosPerEvent(before, total, CpuAccount.HUB_PARTS.get(2))};
        } finally {
            closeAll(raw);
        }
    }

    /** Closes the nodes in parallel: each disconnect may wait up to a second for Paho to quiesce. */
    static void closeAll(List<RawNode> nodes) throws InterruptedException {
        List<Thread> closers = new ArrayList<>();
        for (RawNode node : nodes) {
            Thread closer = new Thread(node::close, "close-" + closers.size());
            closer.start();
            closers.add(closer);
        }
        for (Thread closer : closers) {
            closer.join();
        }
    }
}
