package nl.opvang.hub.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import nl.opvang.harness.MqttSetup;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.NodeStatus;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.protocol.Topics;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over MQTT: a real hub (embedded broker, real store, its own ticker) sends {@code set_capacity} for a
 * change the CT planned over HTTP, on the node's {@code cmd} topic, until the node's {@code capacity} event confirms
 * it; the availability follows. The node is played by a plain Paho client speaking the wire contract (docs/DESIGN.md
 * §3), so that this tests the hub's side alone; {@code CapacityWithNodeTest} runs the same with the device's own node.
 */
class CapacityOverMqttTest {
    @TempDir
    Path hubData;
    Hub hub;
    MqttClient node;
    final Codec codec = new Codec();
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    final String session = UUID.randomUUID().toString();
    final List<NodeMessage> published = new ArrayList<>();
    long seq;

    @AfterEach
    void stop() throws Exception {
        if (node != null && node.isConnected()) {
            node.disconnect();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void a_cut_planned_over_http_reaches_the_node_as_set_capacity_and_the_availability_follows_its_confirmation()
            throws Exception {
        hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(hubData).build(), Clock.systemUTC());
        BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
        node = new MqttClient(hub.mqttUrl(), "test-1", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        MqttSetup.connect(node, options, () -> node.subscribe(Topics.node("test", "test-1", Channel.CMD), 1,
                (topic, message) -> commands.add(codec.decodeCommand(message.getPayload()))));
        node.publish(Topics.node("test", "test-1", Channel.STATUS), codec.encode(NodeStatus.online(session, 1)), 1, true);
        List<Payload.BedState> beds = new ArrayList<>();
        for (int bed = 1; bed <= 4; bed++) {
            beds.add(new Payload.BedState("T" + bed, Kind.REGULAR, PlaceStatus.FREE));
        }
        beds.add(new Payload.BedState("T5", Kind.CRISIS, PlaceStatus.FREE));
        event(new Payload.Birth("test", 30, beds, List.of()));
        String token = login();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            answerResends(commands);
            return live(token);
        });
        assertEquals(4, regular(token).get("capacity").asInt());

        HttpResponse<String> planned = http.send(HttpRequest.newBuilder(uri("/api/v1/capacity-changes"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"site\":\"test\",\"kind\":\"regular\",\"capacity\":2,"
                        + "\"reason\":\"Twee kamers in de verf\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, planned.statusCode(), planned.body());

        Command.Body command = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (command == null && System.nanoTime() < deadline) {
            Command next = commands.poll(100, TimeUnit.MILLISECONDS);
            if (next != null && next.body() instanceof Command.SetCapacity) {
                command = next.body();
            }
        }
        assertEquals(new Command.SetCapacity(Kind.REGULAR, 2), command);
        event(new Payload.Capacity(Kind.REGULAR, 2, true, "set_capacity", null, List.of("T3", "T4")));

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> regular(token).path("capacity").asInt() == 2);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> calendar(token).path("confirmed").asBoolean());
        assertEquals(2, regular(token).get("free").asInt());
        assertEquals("active", calendar(token).get("state").asText());
    }

    private void event(Payload payload) throws Exception {
        seq++;
        NodeMessage message = new NodeMessage(new Envelope(Envelope.VERSION, UUID.randomUUID(), "test", "test-1", session,
                seq, Instant.now()), payload);
        published.add(message);
        node.publish(topic(message), codec.encode(message), 1, false);
    }

    /** As a node does: a {@code resend} from the hub publishes the events from that seq again. */
    private void answerResends(BlockingQueue<Command> commands) throws Exception {
        for (Command command = commands.poll(); command != null; command = commands.poll()) {
            if (command.body() instanceof Command.Resend resend) {
                for (NodeMessage message : published) {
                    if (message.envelope().seq() >= resend.fromSeq()) {
                        node.publish(topic(message), codec.encode(message), 1, false);
                    }
                }
            }
        }
    }

    private static String topic(NodeMessage message) {
        return Topics.node("test", "test-1", message.payload() instanceof Payload.Birth ? Channel.BIRTH : Channel.EVENT);
    }

    private boolean live(String token) throws Exception {
        for (JsonNode location : get("/api/v1/availability", token).get("locations")) {
            if (location.get("code").asText().equals("test")) {
                return location.get("freshness").asText().equals("live");
            }
        }
        return false;
    }

    private String login() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ct\",\"password\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(login.body()).get("token").asText();
    }

    private JsonNode regular(String token) throws Exception {
        for (JsonNode location : get("/api/v1/availability", token).get("locations")) {
            if (location.get("code").asText().equals("test")) {
                for (JsonNode kind : location.get("kinds")) {
                    if (kind.get("kind").asText().equals("regular")) {
                        return kind;
                    }
                }
            }
        }
        return json.createObjectNode();
    }

    private JsonNode calendar(String token) throws Exception {
        return get("/api/v1/capacity-changes", token).get("changes").get(0);
    }

    private JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return json.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }
}
