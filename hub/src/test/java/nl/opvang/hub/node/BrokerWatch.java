package nl.opvang.hub.node;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import nl.opvang.harness.MqttSetup;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A plain MQTT client on the test broker that watches the test node's traffic: the seqs of the events the broker
 * passed on (so a test knows they reached the broker) and the highest seq the hub acked to the node. One watch per
 * broker run: it does not reconnect.
 */
final class BrokerWatch implements AutoCloseable {
    private final Codec codec = new Codec();
    private final MqttClient client;
    private final Set<Long> eventSeqs = ConcurrentHashMap.newKeySet();
    private final AtomicLong highestAck;

    /** Connects to {@code brokerUrl}; acks raise {@code highestAck}, which may be shared across several watches. */
    BrokerWatch(String brokerUrl, AtomicLong highestAck) throws MqttException {
        this.highestAck = highestAck;
        client = new MqttClient(brokerUrl, "watch-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        MqttSetup.connect(client, new MqttConnectOptions(), this::subscribe);
    }

    private void subscribe() throws MqttException {
        client.subscribe(Topics.node(TestLocation.SITE, TestLocation.NODE, Channel.EVENT), Topics.QOS,
                (topic, message) -> eventSeqs.add(codec.decodeNodeMessage(message.getPayload()).envelope().seq()));
        client.subscribe(Topics.node(TestLocation.SITE, TestLocation.NODE, Channel.ACK), Topics.QOS,
                (topic, message) -> this.highestAck.accumulateAndGet(codec.decodeAck(message.getPayload()).seq(), Math::max));
    }

    /** True once the broker has passed on an event with each of {@code seqs}. */
    boolean sawEvents(Collection<Long> seqs) {
        return eventSeqs.containsAll(seqs);
    }

    long highestAck() {
        return highestAck.get();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
        } catch (MqttException ignored) {
            // The broker may be gone already.
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // Nothing left to release.
        }
    }
}
