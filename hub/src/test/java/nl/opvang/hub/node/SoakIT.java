package nl.opvang.hub.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.harness.TcpProxy;
import nl.opvang.hub.testkit.HubProcess;
import nl.opvang.protocol.Kind;
import nl.opvang.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FAULTS R22, soak: 20 real nodes (the device's code), each recording one check-in or check-out a second through its
 * own TCP proxy to a Mosquitto process, into the hub as its own process. Every {@code opvang.soak.faultSeconds} one
 * fault at random: the hub killed with {@code kill -9} and restarted on the same data, the broker killed and restarted
 * (no persistence: its queues are lost), or the links of 1–5 nodes cut for half the interval. At the end: every node's
 * outbox empty (each event acked to the node that recorded it) and stored exactly once (per node: as many rows as the
 * highest seq, ids distinct, check-ins and -outs as many as recorded); the hub's open files and the test JVM's (20
 * nodes with their SQLite outboxes and MQTT clients) flat, the hub's resident memory within bounds.
 *
 * <p>In the build it runs {@code opvang.soak.seconds} = 30 s with a fault every 6 s. The long run (documented in
 * docs/RELIABILITY.md): {@code -Dopvang.soak.seconds=900 -Dopvang.soak.faultSeconds=60}; the seed is printed and can be
 * given back with {@code -Dopvang.soak.seed}.
 */
class SoakIT {
    private static final long SECONDS = Long.getLong("opvang.soak.seconds", 30);
    private static final long FAULT_SECONDS = Long.getLong("opvang.soak.faultSeconds", 6);
    private static final int NODES = Integer.getInteger("opvang.soak.nodes", 20);
    private static final int BEDS = 4;

    @TempDir
    Path dir;

    private record Sample(long second, long hubPid, long hubRssKib, long hubFiles, long testFiles) {
    }

    @Test
    void twenty_nodes_under_random_faults_lose_nothing_double_nothing_and_leak_no_files() throws Exception {
        Tools.require("mosquitto");
        long seed = Long.getLong("opvang.soak.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("R22 soak: %d nodes, %d s, a fault every %d s, seed %d%n", NODES, SECONDS, FAULT_SECONDS, seed);
        Path region = Files.writeString(dir.resolve("soak.yaml"), region());
        Path data = dir.resolve("hub-data");
        List<TcpProxy> proxies = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        List<AtomicLong> recorded = new ArrayList<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<Sample> samples = new ArrayList<>();
        List<String> faults = new ArrayList<>();
        ScheduledExecutorService load = Executors.newScheduledThreadPool(4);
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
        AtomicReference<HubProcess> hub = new AtomicReference<>();
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            String[] hubArgs = {"--mqtt-url", broker.url(), "--http-port", "0", "--data", data.toString(), "--region",
                region.toString()};
            hub.set(HubProcess.start(dir, hubArgs));
            for (int i = 0; i < NODES; i++) {
                TcpProxy proxy = new TcpProxy(broker.port());
                proxies.add(proxy);
                List<NodeConfig.BedConfig> beds = new ArrayList<>();
                for (int bed = 1; bed <= BEDS; bed++) {
                    beds.add(new NodeConfig.BedConfig("B" + bed, Kind.REGULAR));
                }
                nodes.add(Node.start(NodeConfig.simulated(site(i), site(i) + "-1", proxy.url(), dir.resolve("node-" + i),
                        beds, List.of()), Clock.systemUTC()));
                recorded.add(new AtomicLong());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> nodes.stream().allMatch(node -> node.pendingCount() == 0));
            long start = System.nanoTime();
            for (int i = 0; i < NODES; i++) {
                Node node = nodes.get(i);
                AtomicLong count = recorded.get(i);
                int index = i;
                load.scheduleAtFixedRate(() -> {
                    long n = count.get();
                    String bed = "B" + (1 + (n / 2) % BEDS);
                    String pass = Long.toString(7_000_000 + index * 100_000L + n / 2);
                    try {
                        if (n % 2 == 0) {
                            node.checkIn(bed, pass, "0307");
                        } else {
                            node.checkOut(bed, pass, null);
                        }
                        count.incrementAndGet();
                    } catch (RuntimeException e) {
                        errors.add(site(index) + ": " + e);
                    }
                }, random.nextInt(1000), 1000, TimeUnit.MILLISECONDS);
            }
            timers.scheduleAtFixedRate(() -> {
                Sample sample = sample(hub.get(), (System.nanoTime() - start) / 1_000_000_000L);
                if (sample != null) {
                    synchronized (samples) {
                        samples.add(sample);
                    }
                }
            }, 2, 5, TimeUnit.SECONDS);

            long end = start + TimeUnit.SECONDS.toNanos(SECONDS);
            while (System.nanoTime() + TimeUnit.SECONDS.toNanos(FAULT_SECONDS) < end) {
                // Pacing of the soak (a fault every interval), not synchronisation.
                Thread.sleep(TimeUnit.SECONDS.toMillis(FAULT_SECONDS));
                long at = (System.nanoTime() - start) / 1_000_000_000L;
                switch (random.nextInt(3)) {
                    case 0 -> {
                        hub.get().kill();
                        hub.set(HubProcess.start(dir, hubArgs));
                        faults.add(at + " s hub kill -9 + restart");
                    }
                    case 1 -> {
                        broker.restart();
                        faults.add(at + " s broker kill -9 + restart");
                    }
                    default -> {
                        int count = 1 + random.nextInt(5);
                        List<TcpProxy> cut = new ArrayList<>();
                        for (int k = 0; k < count; k++) {
                            TcpProxy proxy = proxies.get(random.nextInt(NODES));
                            proxy.cut();
                            cut.add(proxy);
                        }
                        timers.schedule(() -> cut.forEach(TcpProxy::restore), FAULT_SECONDS * 500, TimeUnit.MILLISECONDS);
                        faults.add(at + " s link cut for " + count + " node(s)");
                    }
                }
            }
            // Pacing: the load runs to the end of the soak.
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            load.shutdown();
            assertTrue(load.awaitTermination(10, TimeUnit.SECONDS));
            proxies.forEach(TcpProxy::restore);
            long drainStart = System.nanoTime();
            await().atMost(Duration.ofSeconds(180)).until(() -> nodes.stream().allMatch(node -> node.pendingCount() == 0));
            long drainMs = (System.nanoTime() - drainStart) / 1_000_000;
            Sample last = sample(hub.get(), (System.nanoTime() - start) / 1_000_000_000L);
            timers.shutdownNow();
            samples.add(last);

            faults.forEach(fault -> System.out.println("R22 fault at " + fault));
            samples.forEach(sample -> System.out.println("R22 sample " + sample));
            long total = recorded.stream().mapToLong(AtomicLong::get).sum();
            System.out.printf("R22 soak: %d check-ins/outs recorded, %d faults, drained %d ms after the load stopped%n",
                    total, faults.size(), drainMs);
            assertTrue(errors.isEmpty(), "the nodes recorded every event: " + errors);
            assertTrue(total >= NODES * (SECONDS - 2), "about one event a second per node: " + total);
            checkStoredExactlyOnce(data, nodes, recorded);
            checkFlat(samples);
        } finally {
            load.shutdownNow();
            timers.shutdownNow();
            for (Node node : nodes) {
                node.close();
            }
            proxies.forEach(TcpProxy::close);
            if (hub.get() != null) {
                hub.get().close();
            }
        }
    }

    /** The oracle: per node, every seq 1..max stored once, distinct ids, and each recorded check-in/-out stored. */
    private static void checkStoredExactlyOnce(Path data, List<Node> nodes, List<AtomicLong> recorded) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hub.db"));
             PreparedStatement query = db.prepareStatement("SELECT COUNT(*), COUNT(DISTINCT seq), COUNT(DISTINCT id), "
                     + "MIN(seq), MAX(seq), SUM(CASE WHEN type IN ('check_in', 'check_out') THEN 1 ELSE 0 END), "
                     + "SUM(CASE WHEN rejected IS NULL THEN 0 ELSE 1 END), "
                     + "(SELECT COUNT(DISTINCT session) FROM event WHERE node = ?1) FROM event WHERE node = ?1 AND session = ?2")) {
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                query.setString(1, site(i) + "-1");
                query.setString(2, node.session());
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    String what = site(i) + ": ";
                    long max = row.getLong(5);
                    assertEquals(max, row.getLong(1), what + "no seq missing, none doubled");
                    assertEquals(max, row.getLong(2), what + "seqs distinct");
                    assertEquals(max, row.getLong(3), what + "ids distinct");
                    assertEquals(1, row.getLong(4), what + "from seq 1");
                    assertEquals(recorded.get(i).get(), row.getLong(6), what + "every recorded check-in and -out stored once");
                    assertEquals(0, row.getLong(7), what + "nothing refused");
                    assertEquals(1, row.getLong(8), what + "one session");
                }
            }
        }
    }

    /**
     * Open files must not grow: the hub's never more than 40 above its lowest warm figure (each restart starts a new
     * process, so this compares across lives), the test JVM's (all nodes) at the end within 40 of its first sample.
     * The hub's resident memory stays under 512 MiB ({@code -Xmx256m} plus the JVM's own).
     */
    private static void checkFlat(List<Sample> samples) {
        assertTrue(samples.size() >= 3, "sampled: " + samples);
        long hubFilesLow = samples.stream().mapToLong(Sample::hubFiles).min().orElseThrow();
        long hubFilesHigh = samples.stream().mapToLong(Sample::hubFiles).max().orElseThrow();
        long hubRssHigh = samples.stream().mapToLong(Sample::hubRssKib).max().orElseThrow();
        long testFilesFirst = samples.get(0).testFiles();
        long testFilesLast = samples.get(samples.size() - 1).testFiles();
        System.out.printf("R22 soak: hub open files %d-%d, hub RSS peak %d MiB, test JVM open files %d -> %d%n",
                hubFilesLow, hubFilesHigh, hubRssHigh / 1024, testFilesFirst, testFilesLast);
        assertTrue(hubFilesHigh <= hubFilesLow + 40, "the hub's open files stay flat: " + samples);
        assertTrue(testFilesLast <= testFilesFirst + 40, "the nodes' open files stay flat: " + samples);
        assertTrue(hubRssHigh < 512 * 1024, "the hub's resident memory stays bounded: " + samples);
    }

    private static Sample sample(HubProcess hub, long second) {
        try {
            return new Sample(second, hub.pid(), hub.procStatusKib("VmRSS"), files(hub.pid()),
                    files(ProcessHandle.current().pid()));
        } catch (RuntimeException goneMeanwhile) {
            // The hub was being killed and restarted just then.
            return null;
        }
    }

    private static long files(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String site(int i) {
        return String.format("s%02d", i + 1);
    }

    private static String region() {
        StringBuilder region = new StringBuilder("regions:\n  - code: amersfoort\n    name: Regio Amersfoort\n    locations:\n");
        for (int i = 0; i < NODES; i++) {
            region.append("      - code: ").append(site(i)).append('\n')
                    .append("        name: Soaklocatie ").append(i + 1).append('\n')
                    .append("        municipality: Amersfoort\n")
                    .append("        phone: \"033 000 0000\"\n")
                    .append("        secret: false\n")
                    .append("        nodes: [{code: ").append(site(i)).append("-1, beds: [{kind: regular, codes: [B1-B")
                    .append(BEDS).append("]}]}]\n");
        }
        return region.toString();
    }
}
