package nl.opvang.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * A bystander on one node's event and ack topics: when each event passed the broker, and when the ack covering it did.
 * It shows where the time between a node's commit and the screen goes.
 */
final class Watch implements AutoCloseable {
    private final Codec codec = new Codec();
    private final Map<Long, Long> events = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Long> acks = new ConcurrentSkipListMap<>();
    private final MqttAsyncClient client;
    private final String eventTopic;

    Watch(String brokerUrl, String site, String node) throws MqttException {
        eventTopic = Topics.node(site, node, Channel.EVENT);
        client = Clients.connect(brokerUrl, "bench-watch-" + node, true);
        client.setCallback(Clients.onMessage((topic, payload) -> {
            long now = System.nanoTime();
            if (topic.equals(eventTopic)) {
                events.putIfAbsent(codec.decodeNodeMessage(payload).envelope().seq(), now);
            } else {
                acks.putIfAbsent(codec.decodeAck(payload).seq(), now);
            }
        }));
        client.subscribe(new String[] {eventTopic, Topics.node(site, node, Channel.ACK)}, new int[] {1, 1})
                .waitForCompletion(10_000);
    }

    /** When event {@code seq} reached this subscriber. */
    long eventNanos(long seq) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!events.containsKey(seq)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("event " + seq + " was not seen on the broker");
            }
            Thread.sleep(1);
        }
        return events.get(seq);
    }

    /** When the first ack covering {@code seq} reached this subscriber. */
    long ackNanos(long seq) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Map.Entry<Long, Long> covering = acks.ceilingEntry(seq);
            if (covering != null) {
                return acks.tailMap(seq).values().stream().mapToLong(Long::longValue).min().orElseThrow();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no ack covering " + seq);
            }
            Thread.sleep(1);
        }
    }

    @Override
    public void close() {
        Clients.close(client);
    }
}
