package nl.opvang.hub.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.hub.ConfigException;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.ops.BrokerConfig;
import nl.opvang.hub.ops.MosquittoPasswd;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import nl.opvang.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11.6: a hub started without {@code --mqtt-url} and without {@code --demo} runs its embedded broker with the
 * logins and ACL that {@code broker-config} writes, and with the client id tied to the login, or does not start.
 */
class EmbeddedBrokerLoginTest {
    private static final String REGION = TestLocation.REGION + """
                  - code: other
                    name: Andere locatie
                    municipality: Amersfoort
                    phone: "033 000 0001"
                    secret: false
                    nodes:
                      - code: other-1
                        beds:
                          - {kind: regular, codes: [O1]}
            """;

    @TempDir
    Path dir;
    private Hub hub;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private Path data() {
        return dir.resolve("hub-data");
    }

    private Hub start() throws Exception {
        Path region = Files.writeString(dir.resolve("two.yaml"), REGION);
        return Hub.start(HubConfig.builder().loopbackAnyPorts().data(data()).region(region).build(),
                Clock.systemUTC());
    }

    /** What an administrator runs first: broker-config into the data folder's broker/ (here straight from the registry's specs). */
    private void enrol() {
        Tools.require("mosquitto_passwd");
        new BrokerConfig(data().resolve("broker"), MosquittoPasswd.find()).generate(List.of(
                new NodeSpec("test-1", "test", List.of()), new NodeSpec("other-1", "other", List.of())), Set.of(), Set.of());
    }

    private String password(String user) throws Exception {
        return Files.readString(data().resolve("broker").resolve(BrokerConfig.CREDENTIALS_FOLDER).resolve(user + ".password")).strip();
    }

    /** A raw client: {@code user} null is anonymous. */
    private MqttClient connect(String clientId, String user, String password) throws MqttException {
        MqttClient client = new MqttClient(hub.mqttUrl(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        closeAfter.add(0, () -> {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000);
            }
            client.close(true);
        });
        return client;
    }

    @Test
    void without_broker_users_the_hub_refuses_to_start_and_says_how_in_one_line() {
        ConfigException refused = assertThrows(ConfigException.class, () -> hub = start());

        assertTrue(refused.getMessage().contains("broker-config --data " + data() + " --out " + data().resolve("broker")),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("--mqtt-url") && refused.getMessage().contains("--demo"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    }

    @Test
    void an_enrolled_node_goes_live_through_the_embedded_broker_and_the_hub_itself_connects() throws Exception {
        enrol();
        hub = start();
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        for (int bed = 1; bed <= 4; bed++) {
            beds.add(new NodeConfig.BedConfig("T" + bed, Kind.REGULAR));
        }
        beds.add(new NodeConfig.BedConfig("T5", Kind.CRISIS));
        Node node = Node.start(new NodeConfig("test", "test-1", hub.mqttUrl(), "node-test-1", password("node-test-1"),
                dir.resolve("node"), 30, beds, List.of(), "k1", "demo-key-not-for-production", NodeConfig.Profile.KIOSK),
                Clock.systemUTC());
        closeAfter.add(node);

        await().atMost(Duration.ofSeconds(20)).until(() -> hub.brokerConnected()
                && hub.inProcess().projection().snapshot().locations().get("test").freshness() == Freshness.LIVE);
    }

    @Test
    void anonymous_logins_wrong_passwords_and_someone_elses_client_id_are_refused() throws Exception {
        enrol();
        hub = start();
        await().atMost(Duration.ofSeconds(10)).until(hub::brokerConnected);
        String other = password("node-other-1");

        assertThrows(MqttSecurityException.class, () -> connect("anonymous", null, null));
        assertThrows(MqttSecurityException.class, () -> connect("node-test-1", "node-test-1", "wrong-password-0123456789"));
        assertThrows(MqttSecurityException.class, () -> connect("node-test-1", "node-test-1", other));
        assertThrows(MqttSecurityException.class, () -> connect("node-test-1", "node-other-1", other));
        assertThrows(MqttSecurityException.class, () -> connect(BrokerConfig.HUB_USER, "node-other-1", other));
        // The hub's line in passwd is for Mosquitto; the embedded broker admits the hub only with its in-process secret.
        assertThrows(MqttSecurityException.class, () -> connect(BrokerConfig.HUB_USER, BrokerConfig.HUB_USER,
                password(BrokerConfig.HUB_USER)));

        connect("node-other-1", "node-other-1", other); // its own login, its own id: in
        Thread.sleep(500);
        assertTrue(hub.brokerConnected(), "the hub lost its connection");
    }

    @Test
    void a_node_revoked_with_broker_config_is_refused_without_a_restart() throws Exception {
        enrol();
        hub = start();
        await().atMost(Duration.ofSeconds(10)).until(hub::brokerConnected);
        String password = password("node-other-1");
        connect("node-other-1", "node-other-1", password).disconnect();

        new BrokerConfig(data().resolve("broker"), MosquittoPasswd.find()).generate(List.of(
                new NodeSpec("test-1", "test", List.of()), new NodeSpec("other-1", "other", List.of())), Set.of("other-1"), Set.of());

        assertThrows(MqttSecurityException.class, () -> connect("node-other-1", "node-other-1", password));
        connect("node-test-1", "node-test-1", password("node-test-1")); // the others carry on
    }

    @Test
    void a_node_cannot_write_on_another_nodes_or_the_hubs_topics_nor_read_them() throws Exception {
        enrol();
        hub = start();
        await().atMost(Duration.ofSeconds(10)).until(hub::brokerConnected);
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient victim = connect("node-test-1", "node-test-1", password("node-test-1"));
        victim.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                seen.add("lost");
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                seen.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                return;
            }
        });
        victim.subscribe(new String[] {"opvang/v1/test/test-1/ack", "opvang/v1/test/test-1/cmd", Topics.HUB_STATUS},
                new int[] {1, 1, 1});
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().anyMatch(line -> line.startsWith(Topics.HUB_STATUS)));
        seen.clear();

        MqttClient intruder = connect("node-other-1", "node-other-1", password("node-other-1"));
        for (String topic : List.of("opvang/v1/test/test-1/ack", "opvang/v1/test/test-1/cmd", Topics.HUB_STATUS)) {
            intruder.publish(topic, ("forged " + topic).getBytes(StandardCharsets.UTF_8), 0, false);
        }
        int[] granted = subscribeGranted(intruder, "opvang/v1/test/test-1/ack", "opvang/v1/#", "#", "opvang/v1/+/+/event");
        Thread.sleep(1500);

        assertEquals(List.of(), seen, "forged messages reached the node");
        assertEquals(List.of(128, 128, 128, 128), java.util.Arrays.stream(granted).boxed().toList(), "subscriptions granted");
        // The retained hub status is still the hub's own.
        List<String> retained = new CopyOnWriteArrayList<>();
        MqttClient fresh = connect("node-test-1", "node-test-1", password("node-test-1"));
        fresh.subscribe(Topics.HUB_STATUS, 1, (topic, message) -> retained.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(5)).until(() -> !retained.isEmpty());
        assertFalse(retained.get(0).startsWith("forged"), retained.toString());
    }

    /** The granted QoS per filter (128: refused), whether Paho reports a refusal as a code or as an exception. */
    private static int[] subscribeGranted(MqttClient client, String... filters) {
        int[] granted = new int[filters.length];
        for (int i = 0; i < filters.length; i++) {
            try {
                granted[i] = client.subscribeWithResponse(filters[i], 1).getGrantedQos()[0];
            } catch (MqttException e) {
                granted[i] = 128;
            }
        }
        return granted;
    }
}
