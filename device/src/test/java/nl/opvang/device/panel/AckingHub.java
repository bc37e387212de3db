package nl.opvang.device.panel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.opvang.harness.MqttSetup;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.HubStatus;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Plays the hub for panel tests over real MQTT: says it is online (retained), records the node's messages and acks
 * each one, as the hub does after its durable commit.
 */
final class AckingHub implements AutoCloseable {
    private final Codec codec = new Codec();
    private final MqttAsyncClient client;
    private final List<NodeMessage> received = new CopyOnWriteArrayList<>();

    AckingHub(String brokerUrl, String site, String node) throws MqttException {
        client = new MqttAsyncClient(brokerUrl, "panel-hub-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        MqttSetup.connect(client, options, () -> client.subscribe(Topics.PREFIX + "/" + site + "/" + node + "/+", 1,
                (topic, message) -> ack(site, node, topic, message.getPayload())).waitForCompletion(5_000));
        client.publish(Topics.HUB_STATUS, codec.encode(HubStatus.online(Instant.now())), 1, true).waitForCompletion(5_000);
    }

    private void ack(String site, String node, String topic, byte[] payload) throws MqttException {
        Channel channel = Topics.parse(topic).channel();
        if (channel == Channel.BIRTH || channel == Channel.EVENT) {
            NodeMessage decoded = codec.decodeNodeMessage(payload);
            received.add(decoded);
            client.publish(Topics.node(site, node, Channel.ACK),
                    codec.encode(Ack.of(decoded.envelope().session(), decoded.envelope().seq(), List.of())), 1, false);
        }
    }

    /** The capacity events received, in order (noodbedden opened or closed at the panel). */
    List<Payload.Capacity> capacities() {
        return received.stream().filter(message -> message.payload() instanceof Payload.Capacity)
                .map(message -> (Payload.Capacity) message.payload()).toList();
    }

    /** The occupied figures of the {@code count} events received, in arrival order. */
    List<Integer> counts() {
        return received.stream().filter(message -> message.type().equals("count"))
                .map(message -> ((Payload.Count) message.payload()).occupied()).toList();
    }

    @Override
    public void close() {
        try {
            client.publish(Topics.HUB_STATUS, new byte[0], 1, true).waitForCompletion(2_000);
            client.disconnect().waitForCompletion(2_000);
        } catch (MqttException ignored) {
            // The broker is gone already: nothing retained to clear.
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // Closing anyway.
        }
    }
}
