package nl.opvang.hub;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import nl.opvang.hub.testkit.HubProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise, run for real: the demo from its command, then the README's own mosquitto_pub commands as the
 * test location's node. They get acks, and the availability answer changes within a second; bad messages show up
 * in /metrics and change nothing else; Ctrl-C (SIGTERM) stops the hub cleanly.
 */
class DemoIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;
    private volatile String token;

    @Test
    void an_outside_mqtt_client_speaking_the_contract_as_the_test_node_gets_acks_and_changes_availability() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mosquitto_pub")), "mosquitto-clients is not installed");
        HubProcess hub = HubProcess.start(dir, "--demo", "--http-port", "0", "--mqtt-port", "0");
        try {
            String base = "http://127.0.0.1:" + hub.httpPort();
            assertTrue(hub.log().contains("simulated location nodes"), hub.log());
            assertTrue(hub.log().contains("WARNING: demo accounts exist"), hub.log());
            token = login(base, "ct");
            await().atMost(Duration.ofSeconds(20)).until(() -> freshness(base, "smallepad").equals("live"));
            AtomicLong changedAt = watchForOccupiedTestBed(base);

            long started = System.nanoTime();
            String output = runReadmeBlock(hub.mqttPort());

            assertTrue(output.contains("opvang/v1/test/test-1/ack {\"v\":1,\"session\""), output);
            assertTrue(output.contains("\"seq\":2"), output);
            await().atMost(Duration.ofSeconds(5)).until(() -> changedAt.get() != 0);
            long millis = TimeUnit.NANOSECONDS.toMillis(changedAt.get() - started);
            assertTrue(millis < 1000, "the SSE frame came " + millis + " ms after the commands started");
            JsonNode test = location(base, "test");
            assertEquals(3, kind(test, "regular").get("free").asInt());
            assertEquals(1, kind(test, "crisis").get("free").asInt());

            String before = location(base, "test").toString();
            shell("mosquitto_pub -p " + hub.mqttPort() + " -q 1 -t opvang/v1/test/test-1/event -m '{not json'; "
                    + "mosquitto_pub -p " + hub.mqttPort() + " -q 1 -t opvang/v1/test/test-1/event -m '{\"v\":9}'");
            await().atMost(Duration.ofSeconds(5)).until(() -> metric(base, "opvang_messages_rejected_total{reason=\"bad_json\"}") >= 1
                    && metric(base, "opvang_messages_rejected_total{reason=\"unknown_version\"}") >= 1);
            assertEquals(before.replaceAll("\"lastConfirmedAt\":\"[^\"]*\"", ""),
                    location(base, "test").toString().replaceAll("\"lastConfirmedAt\":\"[^\"]*\"", ""));

            hub.stop();
            assertTrue(hub.log().contains("opvang-hub stopped"), hub.log());
        } finally {
            hub.close();
        }
    }

    /** Runs the shell block of README.md's "Talking to the demo from outside", as printed there. */
    private static String runReadmeBlock(int mqttPort) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Talking to the demo from outside");
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        return shell("MQTT=" + mqttPort + "\n" + block + "\nsleep 1\nkill $!\n");
    }

    private static String shell(String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the commands finished");
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Listens to the SSE stream and notes when the test location first shows an occupied regular bed. */
    private AtomicLong watchForOccupiedTestBed(String base) {
        AtomicLong seenAt = new AtomicLong();
        AtomicBoolean snapshot = new AtomicBoolean();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/availability/stream"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build();
        Thread reader = new Thread(() -> {
            try {
                HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null && seenAt.get() == 0) {
                        if (line.startsWith("data:")) {
                            snapshot.set(true);
                        }
                        if (line.startsWith("data:") && line.contains("\"code\":\"test\"")) {
                            JsonNode data = json.readTree(line.substring(5));
                            JsonNode test = data.has("locations") ? find(data.get("locations"), "test") : data;
                            if (test != null && kind(test, "regular").get("occupied").asInt() == 1) {
                                seenAt.compareAndSet(0, System.nanoTime());
                            }
                        }
                    }
                }
            } catch (Exception e) {
                // The hub stopped; the assertions say what was missed.
            }
        }, "sse-watcher");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(5)).untilTrue(snapshot);
        return seenAt;
    }

    private JsonNode location(String base, String code) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/availability"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return find(json.readTree(response.body()).get("locations"), code);
    }

    /** Logs in as a demo account (password {@code demo}, no second factor): a bearer token. */
    private String login(String base, String username) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"demo\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body()).get("token").asText();
    }

    private String freshness(String base, String code) throws Exception {
        return location(base, code).get("freshness").asText();
    }

    private double metric(String base, String name) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String line : text.lines().toList()) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1));
            }
        }
        return 0;
    }

    private static JsonNode find(JsonNode locations, String code) {
        for (JsonNode location : locations) {
            if (location.get("code").asText().equals(code)) {
                return location;
            }
        }
        return null;
    }

    private static JsonNode kind(JsonNode location, String kind) {
        for (JsonNode each : location.get("kinds")) {
            if (each.get("kind").asText().equals(kind)) {
                return each;
            }
        }
        throw new AssertionError("no kind " + kind + " in " + location);
    }
}
