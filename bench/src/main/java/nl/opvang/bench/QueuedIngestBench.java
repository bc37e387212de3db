package nl.opvang.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;

/**
 * Peak durable ingest with the load generated beforehand. On two cores the live peak ingest shares the machine with
 * its load generator (50 Paho clients) and the broker, and the CPU account shows the generator taking as much as the
 * hub. Here the nodes publish everything while the hub is stopped; the broker queues it for the hub's persistent
 * session; then the hub starts and drains the queue, storing and acking as always. Measured from the return of
 * {@code Hub.start} (the connect happens after it) to the last ack: the hub and the broker alone on the cores. The floor is the same for a subscriber that does nothing:
 * a raw Paho client draining a queue of as many messages from the same broker.
 */
final class QueuedIngestBench {
    private final MosquittoBroker broker;
    private final HubConfig config;
    private final List<Map<String, Double>> cpu = new ArrayList<>();

    QueuedIngestBench(MosquittoBroker broker, Path region, Path data) {
        this.broker = broker;
        this.config = HubConfig.builder().loopbackAnyPorts().mqttUrl(broker.url()).data(data).region(region).httpRateLimit(0).build();
    }

    /** Starts the hub once, so the broker has its persistent session (subscriptions) to queue for. */
    void prepare() throws Exception {
        try (Hub hub = Hub.start(config, Clock.systemUTC())) {
            Await.until(hub::brokerConnected, 30, "the hub to connect to Mosquitto");
        }
    }

    /** Where the CPU went in each hub run, from the hub's connect to the last ack. */
    List<Map<String, Double>> cpu() {
        return cpu;
    }

    /** A subscriber that does nothing drains {@code messages} queued QoS 1 messages: messages/s. */
    double floor(int messages, int run) throws Exception {
        String topic = "bench/queued/" + run;
        String clientId = "bench-queued-floor";
        MqttAsyncClient subscriber = Clients.connect(broker.url(), clientId, false);
        subscriber.subscribe(topic, 1).waitForCompletion(10_000);
        Clients.close(subscriber);
        MqttAsyncClient publisher = Clients.connect(broker.url(), "bench-queued-publisher", true);
        byte[] payload = MqttFloor.PAYLOAD;
        try {
            for (int i = 0; i < messages; i++) {
                Clients.publishWhenRoom(publisher, topic, payload, 1);
            }
            awaitDelivered(List.of(publisher));
        } finally {
            Clients.close(publisher);
        }
        AtomicInteger received = new AtomicInteger();
        AtomicLong last = new AtomicLong();
        long start = System.nanoTime();
        MqttAsyncClient drain = Clients.connectWithHandler(broker.url(), clientId, false, (t, bytes) -> {
            if (received.incrementAndGet() == messages) {
                last.set(System.nanoTime());
            }
        });
        try {
            Await.until(() -> received.get() >= messages, 120, "the queued floor messages");
            return messages / ((last.get() - start) / 1e9);
        } finally {
            Clients.close(drain);
            Clients.close(Clients.connect(broker.url(), clientId, true)); // ends the session
        }
    }

    /** The hub drains {@code nodes × eventsPerNode} queued events (plus a birth each): events/s from its start. */
    /** The rate at which the hub drained the queue (events/s), and its threads' CPU per event (µs). */
    double[] hub(int nodes, int eventsPerNode, int firstLocation) throws Exception {
        List<RawNode> raw = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                int location = firstLocation + i;
                raw.add(new RawNode(broker.url(), BenchRegion.site(location), BenchRegion.node(location),
                        BenchRegion.regularBeds(), eventsPerNode, eventsPerNode));
            }
            for (RawNode node : raw) {
                node.publishBirth();
                for (int n = 0; n < eventsPerNode; n++) {
                    node.send(node.event(n));
                }
            }
            awaitDelivered(raw.stream().map(RawNode::client).toList());
            // Timed from the moment Hub.start returns: the hub then connects in the background, and the broker starts
            // delivering the queue at once, before the hub's "connected" flag is even set.
            try (Hub hub = Hub.start(config, Clock.systemUTC())) {
                long started = System.nanoTime();
                CpuAccount before = CpuAccount.now(Map.of("mosquitto", broker.pid()));
                Await.until(() -> raw.stream().allMatch(node -> node.ackedEvents() >= eventsPerNode), 120,
                        "the hub's acks");
                CpuAccount after = CpuAccount.now(Map.of("mosquitto", broker.pid()));
                cpu.add(after.since(before));
                long last = raw.stream().mapToLong(RawNode::lastAckNanos).max().orElseThrow();
                long events = (long) nodes * (eventsPerNode + 1);
                return new double[] {events / ((last - started) / 1e9), after.hubMicrosPerEvent(before, events),
                    after.hubMicrosPerEvent(before, events, CpuAccount.HUB_PARTS.get(0)),
                    after.hubMicrosPerEvent(before, events, CpuAccount.HUB_PARTS.get(1)),
                    after.hubMicrosPerEvent(before, events, CpuAccount.HUB_PARTS.get(2))};
            }
        } finally {
            IngestBench.closeAll(raw);
        }
    }

    /** Until the broker has PUBACKed everything the clients published: then it is in the queue. */
    private static void awaitDelivered(List<MqttAsyncClient> clients) throws InterruptedException {
        Await.until(() -> clients.stream().allMatch(client -> client.getPendingDeliveryTokens().length == 0), 120,
                "the broker to take every queued message");
    }
}
