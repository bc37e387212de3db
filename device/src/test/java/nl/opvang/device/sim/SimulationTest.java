package nl.opvang.device.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.gateway.MoquetteStop;
import nl.opvang.harness.FreePort;
import nl.opvang.harness.MqttSetup;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationTest {
    @TempDir
    Path dir;

    @Test
    void the_simulator_produces_valid_events_for_several_nodes() throws Exception {
        int port = FreePort.pick();
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", String.valueOf(port));
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("netty.mqtt.message_size", String.valueOf(128 * 1024));
        Server broker = new Server();
        broker.startServer(new MemoryConfig(properties));
        String url = "tcp://127.0.0.1:" + port;
        Codec codec = new Codec();
        List<NodeMessage> received = new CopyOnWriteArrayList<>();
        Map<String, Set<Long>> seqsByNode = new ConcurrentHashMap<>();
        MqttClient hub = new MqttClient(url, "sim-test-hub", new MemoryPersistence());
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMaxInflight(1000);
            IMqttMessageListener recorder = (topic, message) -> record(codec, received, seqsByNode, message.getPayload());
            MqttSetup.connect(hub, options, () -> hub.subscribe(
                    new String[] {Topics.PREFIX + "/+/+/event", Topics.PREFIX + "/+/+/birth"}, new int[] {1, 1},
                    new IMqttMessageListener[] {recorder, recorder}));
            List<NodeConfig> configs = List.of(config("sma", "sma-1", url), config("amg", "amg-1", url), config("vgs", "vgs-1", url));
            try (Simulation simulation = Simulation.start(configs, Duration.ofMillis(50), 42)) {
                assertEquals(3, simulation.nodes().size());
                await().atMost(Duration.ofSeconds(20)).until(() -> seqsByNode.size() == 3
                        && seqsByNode.values().stream().allMatch(seqs -> seqs.size() >= 20));
            }
            long types = received.stream().map(NodeMessage::type).distinct().count();
            assertTrue(types >= 3, "only " + types + " kinds of event");
            assertTrue(received.stream().anyMatch(message -> message.type().equals("check_in")));
        } finally {
            if (hub.isConnected()) {
                hub.disconnect();
            }
            hub.close();
            MoquetteStop.stop(broker);
        }
    }

    private static void record(Codec codec, List<NodeMessage> received, Map<String, Set<Long>> seqs, byte[] payload) {
        // Decoding validates every field against the contract: an invalid event would throw here and never count.
        NodeMessage message = codec.decodeNodeMessage(payload);
        received.add(message);
        seqs.computeIfAbsent(message.envelope().node(), node -> ConcurrentHashMap.newKeySet()).add(message.envelope().seq());
    }

    private NodeConfig config(String site, String node, String url) {
        return NodeConfig.simulated(site, node, url, dir.resolve(node),
                List.of(new NodeConfig.BedConfig("B1", Kind.REGULAR), new NodeConfig.BedConfig("B2", Kind.REGULAR),
                        new NodeConfig.BedConfig("B3", Kind.CRISIS)),
                List.of(new NodeConfig.CountConfig(Kind.NOOD, 3, true)));
    }
}
