package nl.opvang.hub.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.LinkSettings;
import nl.opvang.device.node.Node;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Topics;
import nl.opvang.testing.Tools;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 2 end to end: night staff open their own noodbedden at the location (the kiosk's and the panel's call
 * on the node) and the hub, running in-process on a Mosquitto process, shows them in {@code /api/v1/availability}
 * within a second, with the end time; closing waits for the last guest there too; and beds the node closes under a
 * {@code set_capacity} limit stop counting as free at the hub.
 */
class NoodAtTheLocationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REGION = TestLocation.REGION + """
                        counts:
                          - {kind: nood, capacity: 4, open: false}
            """;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private String token;

    @BeforeEach
    void mosquitto() {
        Tools.require("mosquitto");
    }

    private Hub hub(String brokerUrl) throws IOException {
        // Demo for its demo accounts (ct/demo); the region holds only the test location, so no simulated nodes run.
        Path region = Files.writeString(dir.resolve("nood.yaml"), REGION);
        return Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().mqttUrl(brokerUrl).data(dir.resolve("hub-data"))
                .region(region).build(), Clock.systemUTC());
    }

    private Node node(String brokerUrl) {
        NodeConfig base = TestLocation.nodeConfig(brokerUrl, dir.resolve("node"));
        NodeConfig config = NodeConfig.simulated(base.site(), base.node(), brokerUrl, base.dataDir(), base.beds(),
                List.of(new NodeConfig.CountConfig(Kind.NOOD, 4, false)));
        return Node.start(config, Clock.systemUTC(), LinkSettings.defaults());
    }

    @Test
    void noodbedden_opened_at_the_location_show_at_the_hub_within_a_second_and_close_only_when_free() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); Hub hub = hub(broker.url()); Node node = node(broker.url())) {
            await().atMost(WAIT).until(() -> node.hubConnected() && node.pendingCount() == 0);
            await().atMost(WAIT).until(() -> "live".equals(location(hub).get("freshness").asText()));
            Instant until = Instant.now().plus(Duration.ofHours(14)).truncatedTo(ChronoUnit.MINUTES);

            long opened = System.nanoTime();
            node.openNood(3, until, "kiosk");
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> nood(hub).get("capacity").asInt() == 3 && nood(hub).get("free").asInt() == 3);
            long millis = Duration.ofNanos(System.nanoTime() - opened).toMillis();
            JsonNode nood = nood(hub);
            assertEquals(until, Instant.parse(nood.get("openUntil").asText()), nood.toString());
            assertTrue(nood.hasNonNull("openSince"), nood.toString());

            node.count(Kind.NOOD, 2);
            node.closeNood("kiosk");
            await().atMost(WAIT).until(() -> nood(hub).get("occupied").asInt() == 2 && nood(hub).get("capacity").asInt() == 2);
            assertEquals(0, nood(hub).get("free").asInt(), "closing: nobody new");
            node.count(Kind.NOOD, 0);
            await().atMost(WAIT).until(() -> nood(hub).get("openUntil").isNull() && nood(hub).get("free").asInt() == 0
                    && nood(hub).get("occupied").asInt() == 0);
            System.out.println("NoodAtTheLocationTest: noodbedden opened at the node showed at the hub after " + millis + " ms");
        }
    }

    @Test
    void beds_closed_by_a_set_capacity_limit_are_not_free_at_the_hub() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); Hub hub = hub(broker.url()); Node node = node(broker.url())) {
            await().atMost(WAIT).until(() -> node.hubConnected() && node.pendingCount() == 0);
            await().atMost(WAIT).until(() -> kind(hub, "regular").get("free").asInt() == 4);
            node.checkIn("T1", "5001", null);
            // The command as the hub sends it, on the node's command topic.
            MqttClient sender = new MqttClient(broker.url(), "test-cmd-" + System.nanoTime(), new MemoryPersistence());
            sender.connect(new MqttConnectOptions());
            sender.publish(Topics.node(TestLocation.SITE, TestLocation.NODE, Channel.CMD),
                    new Codec().encode(Command.of(new Command.SetCapacity(Kind.REGULAR, 2))), 1, false);
            sender.disconnect();
            sender.close();
            await().atMost(WAIT).until(() -> kind(hub, "regular").get("free").asInt() == 1);
            assertEquals(1, kind(hub, "regular").get("occupied").asInt());
        }
    }

    private JsonNode nood(Hub hub) throws IOException, InterruptedException {
        return kind(hub, "nood");
    }

    private JsonNode kind(Hub hub, String kind) throws IOException, InterruptedException {
        for (JsonNode entry : location(hub).get("kinds")) {
            if (entry.get("kind").asText().equals(kind)) {
                return entry;
            }
        }
        throw new IllegalStateException("no " + kind + " at the test location: " + location(hub));
    }

    /** The test location in {@code GET /api/v1/availability}, as the demo CT sees it (one login per test). */
    private JsonNode location(Hub hub) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + hub.httpPort();
        if (token == null) {
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ct\",\"password\":\"demo\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            token = new ObjectMapper().readTree(login.body()).get("token").asText();
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/availability"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode location : new ObjectMapper().readTree(response.body()).get("locations")) {
            if (location.get("code").asText().equals(TestLocation.SITE)) {
                return location;
            }
        }
        throw new IllegalStateException("the test location is not in the availability answer: " + response.body());
    }
}
