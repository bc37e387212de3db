package nl.opvang.device.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.opvang.harness.MqttSetup;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HubStatus;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.NodeStatus;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Plays the hub in tests: a real MQTT peer that subscribes to a node's topics, records what arrives, and publishes
 * acks and commands encoded with the {@link Codec}. With auto-ack on it acks, like the hub, everything up to the
 * highest {@code seq} received without a gap.
 */
final class TestHub implements AutoCloseable {
    private final Codec codec = new Codec();
    private final String site;
    private final String node;
    private final MqttAsyncClient client;
    private final List<NodeMessage> received = new CopyOnWriteArrayList<>();
    private final List<Raw> raw = new CopyOnWriteArrayList<>();
    private final List<NodeStatus> statuses = new CopyOnWriteArrayList<>();
    private final Map<Long, NodeMessage> bySeq = new TreeMap<>();
    private volatile boolean autoAck;
    private volatile long storedBefore;
    private volatile List<Ack.Rejection> rejectNext = List.of();

    TestHub(String brokerUrl, String site, String node, boolean autoAck) throws MqttException {
        this.site = site;
        this.node = node;
        this.autoAck = autoAck;
        client = new MqttAsyncClient(brokerUrl, "test-hub-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // Tests that cut the hub's link reconnect it themselves.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onMessage(topic, message);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Acks and commands are fire-and-forget here.
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        MqttSetup.connect(client, options,
                () -> client.subscribe(Topics.PREFIX + "/" + site + "/" + node + "/+", 1).waitForCompletion(5_000));
    }

    private void onMessage(String topic, MqttMessage message) {
        raw.add(new Raw(topic, message.getPayload(), message.isRetained()));
        Channel channel = Topics.parse(topic).channel();
        if (channel == Channel.STATUS) {
            statuses.add(codec.decodeNodeStatus(message.getPayload()));
            return;
        }
        if (channel != Channel.BIRTH && channel != Channel.EVENT) {
            return;
        }
        NodeMessage decoded = codec.decodeNodeMessage(message.getPayload());
        received.add(decoded);
        long contiguous;
        synchronized (bySeq) {
            bySeq.putIfAbsent(decoded.envelope().seq(), decoded);
            contiguous = storedBefore;
            while (bySeq.containsKey(contiguous + 1)) {
                contiguous++;
            }
        }
        if (autoAck && contiguous > 0) {
            List<Ack.Rejection> rejected = new ArrayList<>();
            for (Ack.Rejection rejection : rejectNext) {
                if (rejection.seq() <= contiguous) {
                    rejected.add(rejection);
                }
            }
            ack(Ack.of(decoded.envelope().session(), contiguous, rejected));
        }
    }

    /** A hub restarted with its store: everything up to {@code seq} is already stored, so acks continue from there. */
    void storedUpTo(long seq) {
        storedBefore = seq;
    }

    void autoAck(boolean on) {
        autoAck = on;
    }

    void rejectWhenAcking(List<Ack.Rejection> rejections) {
        rejectNext = List.copyOf(rejections);
    }

    void ack(Ack ack) {
        publish(Topics.node(site, node, Channel.ACK), codec.encode(ack), false);
    }

    void command(Command command) {
        publish(Topics.node(site, node, Channel.CMD), codec.encode(command), false);
    }

    void hubStatus(HubStatus status) {
        publish(Topics.HUB_STATUS, codec.encode(status), true);
    }

    private void publish(String topic, byte[] payload, boolean retained) {
        try {
            client.publish(topic, payload, 1, retained);
        } catch (MqttException e) {
            throw new IllegalStateException("test hub cannot publish: " + e.getMessage(), e);
        }
    }

    /** Everything received, duplicates included, in arrival order. */
    List<NodeMessage> received() {
        return List.copyOf(received);
    }

    List<Raw> raw() {
        return List.copyOf(raw);
    }

    /** Distinct messages by seq, in seq order (what a hub stores after de-duplication). */
    List<NodeMessage> distinct() {
        synchronized (bySeq) {
            return List.copyOf(bySeq.values());
        }
    }

    List<NodeStatus> statuses() {
        return List.copyOf(statuses);
    }

    long count(String type) {
        return received.stream().filter(message -> message.type().equals(type)).count();
    }

    @Override
    public void close() throws MqttException {
        try {
            // Clear our retained hub status so that it cannot leak into the next test on a shared broker.
            client.publish(Topics.HUB_STATUS, new byte[0], 1, true).waitForCompletion(2_000);
            client.disconnect().waitForCompletion(2_000);
        } catch (MqttException ignored) {
            // The broker was killed by the test: nothing to clean up there.
        }
        client.close(true);
    }

    /** A message as it came off the wire. */
    record Raw(String topic, byte[] payload, boolean retained) {
    }
}
