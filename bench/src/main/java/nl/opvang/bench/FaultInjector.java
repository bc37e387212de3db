package nl.opvang.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.opvang.harness.TcpProxy;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;

/**
 * The faults of docs/DESIGN.md §9 that can hit a running hub from outside while the sustained load goes on, each on its
 * own schedule: a flood of bad messages on registered nodes' topics (not JSON, wrong types, an unknown version, a node
 * on another node's topic, oversized), failed logins with a wrong password, and links of nodes cut and restored. The
 * sustained nodes themselves add duplicates, reordering and a clock a day off ({@link SustainedBench}).
 */
final class FaultInjector implements AutoCloseable {
    /** Bad messages per second, spread over the kinds. */
    static final int BAD_PER_SECOND = 100;
    /** Wrong-password logins per second. */
    static final int LOGINS_PER_SECOND = 2;

    private final Codec codec = new Codec();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "bench-faults");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newHttpClient();
    private final String brokerUrl;
    private final int httpPort;
    private final List<Integer> targets;
    private final AtomicInteger bad = new AtomicInteger();
    private final AtomicInteger badFailed = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger loginsRefused = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicLong cutMillis = new AtomicLong();
    private MqttAsyncClient rogue;

    /** {@code targets}: registered locations whose topics the bad messages use (not the sustained nodes' own). */
    FaultInjector(String brokerUrl, int httpPort, List<Integer> targets) {
        this.brokerUrl = brokerUrl;
        this.httpPort = httpPort;
        this.targets = List.copyOf(targets);
    }

    /** Starts the flood and the failed logins. */
    void start() throws Exception {
        rogue = Clients.connect(brokerUrl, "bench-rogue", true);
        timers.scheduleAtFixedRate(this::publishBad, 0, 1_000_000 / BAD_PER_SECOND, TimeUnit.MICROSECONDS);
        timers.scheduleAtFixedRate(this::failLogin, 0, 1_000 / LOGINS_PER_SECOND, TimeUnit.MILLISECONDS);
    }

    /**
     * Every {@code everyMillis}, the next node's link is cut for {@code downMillis} and restored; the node is told
     * first, so that the events the cut catches are reported apart.
     */
    void cutLinks(List<RawNode> nodes, List<TcpProxy> proxies, long everyMillis, long downMillis) {
        AtomicInteger next = new AtomicInteger();
        timers.scheduleAtFixedRate(() -> {
            int index = next.getAndIncrement() % proxies.size();
            nodes.get(index).linkCut();
            proxies.get(index).cut();
            cuts.incrementAndGet();
            cutMillis.addAndGet(downMillis);
            timers.schedule(proxies.get(index)::restore, downMillis, TimeUnit.MILLISECONDS);
        }, everyMillis / 2, everyMillis, TimeUnit.MILLISECONDS);
    }

    private void publishBad() {
        int n = bad.getAndIncrement();
        int location = targets.get(n % targets.size());
        String site = BenchRegion.site(location);
        String node = BenchRegion.node(location);
        byte[] payload;
        String topic = Topics.node(site, node, Channel.EVENT);
        switch (n % 5) {
            case 0 -> payload = "{\"v\":1,\"id\":".getBytes(StandardCharsets.UTF_8);
            case 1 -> payload = ("{\"v\":1,\"id\":\"" + UUID.randomUUID() + "\",\"site\":\"" + site + "\",\"node\":\"" + node
                    + "\",\"session\":\"s\",\"seq\":\"one\",\"ts\":42,\"type\":\"check_in\",\"body\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> payload = new String(valid(site, node), StandardCharsets.UTF_8).replaceFirst("\"v\":1", "\"v\":99")
                    .getBytes(StandardCharsets.UTF_8);
            case 3 -> {
                // A valid message of this node on the next node's topic.
                int other = targets.get((n + 1) % targets.size());
                topic = Topics.node(BenchRegion.site(other), BenchRegion.node(other), Channel.EVENT);
                payload = valid(site, node);
            }
            default -> {
                payload = new byte[Codec.MAX_BYTES + 1024];
                Arrays.fill(payload, (byte) ' ');
                payload[0] = '{';
                payload[payload.length - 1] = '}';
            }
        }
        try {
            if (!rogue.isConnected()) {
                rogue = Clients.connect(brokerUrl, "bench-rogue", true);
            }
            rogue.publish(topic, payload, 0, false);
        } catch (Exception e) {
            badFailed.incrementAndGet();
        }
    }

    private byte[] valid(String site, String node) {
        Envelope envelope = new Envelope(Envelope.VERSION, UUID.randomUUID(), site, node, "rogue-session", 2, Instant.now());
        return codec.encode(new NodeMessage(envelope, new Payload.CheckIn("B1", Kind.REGULAR, "k1:rogue000000000001",
                null, null)));
    }

    private void failLogin() {
        logins.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + BenchAuth.USER
                        + "\",\"password\":\"wrong-password\"}"))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 401 || status == 429) {
                loginsRefused.incrementAndGet();
            }
        } catch (Exception e) {
            // Counted as not refused: the summary shows the difference.
        }
    }

    /** What was injected, for the report. */
    String summary() {
        return bad.get() + " bad messages (" + badFailed.get() + " not sent), " + logins.get() + " wrong-password logins ("
                + loginsRefused.get() + " refused with 401/429), " + cuts.get() + " link cuts of " + (cutMillis.get()
                / Math.max(1, cuts.get())) + " ms";
    }

    int badMessages() {
        return bad.get();
    }

    int cuts() {
        return cuts.get();
    }

    int logins() {
        return logins.get();
    }

    int loginsRefused() {
        return loginsRefused.get();
    }

    @Override
    public void close() throws InterruptedException {
        timers.shutdownNow();
        timers.awaitTermination(5, TimeUnit.SECONDS);
        Clients.close(rogue);
        rogue = null;
    }
}
