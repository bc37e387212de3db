package nl.opvang.hub.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.harness.FreePort;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.account.Totp;
import nl.opvang.hub.testkit.HubProcess;
import nl.opvang.hub.testkit.TestRegion;
import nl.opvang.protocol.Kind;
import nl.opvang.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FAULTS R20, a hub restart with SSE viewers: 50 viewers hold {@code /api/v1/availability/stream} open as CT (bearer
 * token) while the hub, as its own process, is stopped (SIGTERM) and later killed ({@code kill -9}), and started
 * again on the same data folder and port; meanwhile a real node records check-ins into its outbox. Each viewer
 * behaves like a browser's EventSource: it keeps the last {@code id}, waits the stream's {@code retry} after the
 * stream ends or a connection is refused, reconnects with {@code Last-Event-ID}, and keeps its view from the
 * {@code snapshot} and {@code location} events. Within 10 s of the restarted hub being ready every viewer's view must
 * equal the hub's own {@code GET /api/v1/availability}, including what the node recorded while the hub was down.
 */
class SseRestartIT {
    private static final int VIEWERS = 50;
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final Pattern SECRET = Pattern.compile("secret=([A-Z2-7]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService reconnects = Executors.newScheduledThreadPool(4);

    @Test
    void fifty_viewers_reconnect_after_a_restart_and_a_kill_9_and_show_the_hubs_answer_within_ten_seconds() throws Exception {
        Tools.require("mosquitto");
        Path region = TestRegion.write(dir);
        int port = FreePort.pick();
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            String[] args = {"--mqtt-url", broker.url(), "--http-port", Integer.toString(port), "--metrics-port", "0", "--data",
                dir.resolve("hub-data").toString(), "--region", region.toString(), "--admin-password", "admin-password-for-r20"};
            HubProcess hub = HubProcess.start(dir, args);
            List<Viewer> viewers = new ArrayList<>();
            try (Node node = Node.start(NodeConfig.simulated("test", "test-1", broker.url(), dir.resolve("node"),
                    List.of(new NodeConfig.BedConfig("T1", Kind.REGULAR), new NodeConfig.BedConfig("T2", Kind.REGULAR),
                            new NodeConfig.BedConfig("T3", Kind.REGULAR), new NodeConfig.BedConfig("T4", Kind.REGULAR),
                            new NodeConfig.BedConfig("T5", Kind.CRISIS)), List.of()), Clock.systemUTC())) {
                String token = ctToken(hub);
                node.checkIn("T1", "5001", "0307");
                await().atMost(Duration.ofSeconds(20)).until(() -> node.hubConnected() && node.pendingCount() == 0);
                URI stream = URI.create("http://127.0.0.1:" + port + "/api/v1/availability/stream");
                for (int i = 0; i < VIEWERS; i++) {
                    Viewer viewer = new Viewer(stream, token);
                    viewers.add(viewer);
                    viewer.connect();
                }
                awaitViewsMatch(viewers, token, port, "3/1", 1, Duration.ofSeconds(20));
                assertTrue(viewers.stream().allMatch(viewer -> viewer.retry == 2000), "each viewer read retry: 2000");

                // A clean restart (systemd restart, an upgrade), with two check-ins recorded while the hub is away.
                hub.stop();
                assertTrue(hub.log().contains("opvang-hub stopped"), "a clean stop (SIGTERM, exit 143): " + hub.log());
                node.checkIn("T2", "5002", "0307");
                node.checkIn("T5", "5003", "0307");
                hub = HubProcess.start(dir, args);
                Instant ready = Instant.now();
                // T2 and T5 taken while the hub was away: the views must show them.
                awaitViewsMatch(viewers, token, port, "2/0", 2, WITHIN);
                System.out.println("R20: 50 viewers correct " + Duration.between(ready, Instant.now()).toMillis()
                        + " ms after the restarted hub was ready");

                // A crash: kill -9, a check-out meanwhile.
                hub.kill();
                node.checkOut("T1", "5001", null);
                hub = HubProcess.start(dir, args);
                ready = Instant.now();
                awaitViewsMatch(viewers, token, port, "3/0", 3, WITHIN);
                System.out.println("R20: 50 viewers correct " + Duration.between(ready, Instant.now()).toMillis()
                        + " ms after the hub killed with -9 was ready again");

                for (Viewer viewer : viewers) {
                    assertTrue(viewer.connections.get() >= 3, "connected before and after both restarts");
                    assertTrue(viewer.failures.isEmpty(), "no viewer gave up: " + viewer.failures);
                    assertTrue(viewer.sentLastEventId >= 2, "each reconnect sent Last-Event-ID");
                }
            } finally {
                viewers.forEach(Viewer::close);
                reconnects.shutdownNow();
                hub.close();
            }
        }
    }

    /**
     * Until the hub answers {@code free} (regular/crisis) for the test location and every viewer's view is the hub's
     * own answer, with at least {@code minConnections} connections made (at most {@code within}).
     */
    private void awaitViewsMatch(List<Viewer> viewers, String token, int port, String free, int minConnections,
                                 Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, JsonNode> truth = byCode(JSON.readTree(get(token, port, "/api/v1/availability")));
            return free.equals(free(truth)) && viewers.stream().allMatch(viewer ->
                    viewer.connections.get() >= minConnections && truth.equals(viewer.view()));
        });
    }

    /** The free places of the test location per kind, as {@code regular/crisis}. */
    private static String free(Map<String, JsonNode> locations) {
        JsonNode test = locations.get("test");
        if (test == null) {
            return "none";
        }
        Map<String, Integer> free = new TreeMap<>();
        test.get("kinds").forEach(kind -> free.put(kind.get("kind").asText(), kind.get("free").asInt()));
        return free.get("regular") + "/" + free.get("crisis");
    }

    private static Map<String, JsonNode> byCode(JsonNode answer) {
        Map<String, JsonNode> locations = new TreeMap<>();
        for (JsonNode location : answer.get("locations")) {
            locations.put(location.get("code").asText(), location);
        }
        return locations;
    }

    private String get(String token, int port, String path) throws IOException {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException(path + " answered " + answer.statusCode());
            }
            return answer.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String post(String token, int port, String path, Object body) throws IOException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.statusCode() / 100 == 2, path + " answered " + answer.statusCode() + ": " + answer.body());
            return answer.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The admin from --admin-password (code app secret from the start-up line) creates a CT account; its token. */
    private String ctToken(HubProcess hub) throws IOException {
        Matcher admin = SECRET.matcher(hub.log());
        assertTrue(admin.find(), hub.log());
        String adminToken = JSON.readTree(post(null, hub.httpPort(), "/api/v1/login", Map.of("username", "admin",
                "password", "admin-password-for-r20", "totp", Totp.code(admin.group(1), Instant.now())))).get("token").asText();
        String ctPassword = "ct-password-for-r20";
        ObjectNode user = JSON.createObjectNode().put("username", "ct-r20").put("displayName", "CT R20").put("role", "ct")
                .put("password", ctPassword);
        user.putNull("scope");
        Matcher ct = SECRET.matcher(JSON.readTree(post(adminToken, hub.httpPort(), "/api/v1/admin/users", user))
                .get("otpauthUri").asText());
        assertTrue(ct.find());
        return JSON.readTree(post(null, hub.httpPort(), "/api/v1/login", Map.of("username", "ct-r20", "password",
                ctPassword, "totp", Totp.code(ct.group(1), Instant.now())))).get("token").asText();
    }

    /** One EventSource-like viewer on its own reading thread. */
    private final class Viewer {
        private final URI uri;
        private final String token;
        private final Map<String, JsonNode> view = new TreeMap<>();
        final AtomicInteger connections = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        volatile long retry = 3000;
        volatile int sentLastEventId;
        private volatile String lastEventId;
        private volatile InputStream body;
        private volatile boolean closed;

        Viewer(URI uri, String token) {
            this.uri = uri;
            this.token = token;
        }

        synchronized Map<String, JsonNode> view() {
            return new TreeMap<>(view);
        }

        void connect() {
            if (closed) {
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + token).GET();
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
                sentLastEventId++;
            }
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).whenComplete((response, error) -> {
                if (error != null) {
                    // Connection refused while the hub is down: EventSource tries again after retry.
                    later();
                } else if (response.statusCode() != 200) {
                    // EventSource gives up for good on any other answer: so does this viewer.
                    failures.add("HTTP " + response.statusCode());
                } else {
                    connections.incrementAndGet();
                    body = response.body();
                    Thread reader = new Thread(() -> read(response.body()), "r20-viewer");
                    reader.setDaemon(true);
                    reader.start();
                }
            });
        }

        private void read(InputStream stream) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String event = null;
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (id != null) {
                            lastEventId = id;
                        }
                        if (data.length() > 0) {
                            apply(event, JSON.readTree(data.toString()));
                        }
                        event = null;
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("retry:")) {
                        retry = Long.parseLong(line.substring(6).strip());
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (IOException streamEnded) {
                // The hub went away mid-stream (kill -9): as at a clean end, reconnect.
            }
            later();
        }

        /** EventSource's reconnection: after the stream's retry, unless the test is over. */
        private void later() {
            try {
                reconnects.schedule(this::connect, retry, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException testOver) {
                closed = true;
            }
        }

        private synchronized void apply(String event, JsonNode data) {
            if ("snapshot".equals(event)) {
                view.clear();
                view.putAll(byCode(data));
            } else if ("location".equals(event)) {
                view.put(data.get("code").asText(), data);
            }
        }

        void close() {
            closed = true;
            InputStream open = body;
            if (open != null) {
                try {
                    open.close();
                } catch (IOException ignored) {
                    // Closing a stream that already ended.
                }
            }
        }
    }
}
