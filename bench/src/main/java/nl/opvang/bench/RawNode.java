package nl.opvang.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * A registered node spoken by hand over raw Paho: a birth in a fresh session, then check-ins and check-outs with
 * consecutive {@code seq}, at most {@code window} unacked at a time. An event counts only when the hub's ack (sent
 * after its durable commit) covers it; the time from the publish call to that ack is kept per event.
 *
 * <p>For the sustained load under faults a node can also misbehave as real nodes do: send a copy of an event again,
 * send two events in swapped order, run its clock a day off, and lose its link ({@code reconnecting} mode: a
 * persistent session, automatic reconnect and Paho's offline buffer, so nothing it sent is dropped). Events that a
 * cut caught (unacked at the cut, or sent before the reconnect) are remembered, to report their latency apart.
 */
final class RawNode implements AutoCloseable {
    /** Clients per bed of a node: people come back, as in a region, but no one checks in thousands of times. */
    private static final int CLIENTS_PER_BED = 4;

    private final Codec codec = new Codec();
    private final String site;
    private final String node;
    private final String session = UUID.randomUUID().toString();
    private final List<String> beds;
    private final Semaphore window;
    private final long[] sentAt;
    private final long[] latency;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong lastAckNanos = new AtomicLong();
    private final AtomicInteger rejected = new AtomicInteger();
    private final MqttAsyncClient client;
    private final String eventTopic;
    private final Duration clockOffset;
    private final List<long[]> caught = new CopyOnWriteArrayList<>();
    private volatile long caughtFrom;
    private volatile long seq = 1;

    /** Connects and subscribes to its ack topic; {@code capacity} is the most events this node will send. */
    RawNode(String brokerUrl, String site, String node, List<String> beds, int window, int capacity) throws MqttException {
        this(brokerUrl, site, node, beds, window, capacity, false, Duration.ZERO);
    }

    /**
     * As above; {@code reconnecting}: a persistent session that reconnects on its own and buffers while the link is
     * down; {@code clockOffset}: added to every envelope's {@code ts}.
     */
    RawNode(String brokerUrl, String site, String node, List<String> beds, int window, int capacity, boolean reconnecting,
            Duration clockOffset) throws MqttException {
        this.site = site;
        this.node = node;
        this.beds = List.copyOf(beds);
        this.window = new Semaphore(window);
        this.sentAt = new long[capacity + 2];
        this.latency = new long[capacity + 2];
        this.eventTopic = Topics.node(site, node, Channel.EVENT);
        this.clockOffset = clockOffset;
        String clientId = "bench-" + node + "-" + session.substring(0, 8);
        Clients.Handler onAck = (topic, payload) -> onAck(codec.decodeAck(payload));
        if (reconnecting) {
            this.client = Clients.connectReconnecting(brokerUrl, clientId, onAck, this::reconnected);
        } else {
            this.client = Clients.connect(brokerUrl, clientId, true);
            client.setCallback(Clients.onMessage(onAck));
        }
        client.subscribe(Topics.node(site, node, Channel.ACK), Topics.QOS).waitForCompletion(10_000);
    }

    /** Publishes the birth (seq 1, every bed free) and waits for its ack. */
    void birth() throws Exception {
        publishBirth();
        awaitBirth();
    }

    /** Publishes the birth (seq 1, every bed free) without waiting for its ack. */
    void publishBirth() throws MqttException {
        List<Payload.BedState> states = new ArrayList<>();
        for (String bed : beds) {
            states.add(new Payload.BedState(bed, Kind.REGULAR, PlaceStatus.FREE));
        }
        states.add(new Payload.BedState("C1", Kind.CRISIS, PlaceStatus.FREE));
        Payload.Birth birth = new Payload.Birth("bench", 300, states, List.of());
        client.publish(Topics.node(site, node, Channel.BIRTH), encode(1, birth), Topics.QOS, false);
    }

    /** Waits for the ack of the birth. */
    void awaitBirth() throws InterruptedException {
        Await.until(() -> acked.get() >= 1, 30, "the ack of the birth of " + node);
    }

    /**
     * Event number {@code n} (0-based): check-in and check-out in turn, bed after bed, by a client of the node's pool
     * (four per bed, so clients return, as the monitoring ledger sees in a region). Its seq is {@code n + 2}.
     */
    byte[] event(int n) {
        String bed = beds.get((n / 2) % beds.size());
        String token = "k1:bench" + node + "c" + (n / 2) % (beds.size() * CLIENTS_PER_BED);
        Payload payload = n % 2 == 0
                ? new Payload.CheckIn(bed, Kind.REGULAR, token, "0307", null)
                : new Payload.CheckOut(bed, Kind.REGULAR, token, "eigen-woning");
        return encode(n + 2, payload);
    }

    private byte[] encode(long seq, Payload payload) {
        Envelope envelope = new Envelope(Envelope.VERSION, UUID.randomUUID(), site, node, session, seq,
                Instant.now().plus(clockOffset));
        return codec.encode(new NodeMessage(envelope, payload));
    }

    /** Sends the next event (already encoded by {@link #event}), waiting while the window is full. */
    void send(byte[] payload) throws InterruptedException, MqttException {
        window.acquire();
        seq++;
        sentAt[(int) seq] = System.nanoTime();
        publish(payload);
    }

    /** Sends the next two events (encoded by {@link #event}, in seq order) the other way round: a reordering. */
    void sendSwapped(byte[] first, byte[] second) throws InterruptedException, MqttException {
        window.acquire(2);
        long now = System.nanoTime();
        sentAt[(int) ++seq] = now;
        sentAt[(int) ++seq] = now;
        publish(second);
        publish(first);
    }

    /** Sends a copy of an event already sent: a duplicate, which the hub must ack again and store once. */
    void sendAgain(byte[] payload) throws InterruptedException, MqttException {
        publish(payload);
    }

    private void publish(byte[] payload) throws InterruptedException, MqttException {
        Clients.publishWhenRoom(client, eventTopic, payload, Topics.QOS);
    }

    /** The link is about to be cut: every event not acked now, up to the reconnect, waited for the link. */
    void linkCut() {
        caughtFrom = acked.get() + 1;
    }

    private void reconnected() {
        if (caughtFrom > 0) {
            caught.add(new long[] {caughtFrom, seq});
            caughtFrom = 0;
        }
    }

    private void onAck(Ack ack) {
        if (!ack.session().equals(session)) {
            return;
        }
        long now = System.nanoTime();
        long before = acked.get();
        if (ack.seq() <= before) {
            return;
        }
        for (long s = Math.max(2, before + 1); s <= ack.seq(); s++) {
            latency[(int) s] = now - sentAt[(int) s];
        }
        rejected.addAndGet(ack.rejected().size());
        acked.set(ack.seq());
        lastAckNanos.set(now);
        int events = (int) (ack.seq() - Math.max(1, before));
        if (events > 0) {
            window.release(events);
        }
    }

    String node() {
        return node;
    }

    MqttAsyncClient client() {
        return client;
    }

    String session() {
        return session;
    }

    /** The highest seq sent so far (the birth is seq 1). */
    long lastSeq() {
        return seq;
    }

    /** Events (not the birth) acked so far. */
    long ackedEvents() {
        return Math.max(0, acked.get() - 1);
    }

    long lastAckNanos() {
        return lastAckNanos.get();
    }

    int rejected() {
        return rejected.get();
    }

    /** Publish → ack latencies in ns of the acked events. */
    long[] latencies() {
        return latencies(false);
    }

    /** Publish → ack latencies in ns of the acked events that a link cut caught ({@code true}) or did not. */
    long[] latencies(boolean caughtByCut) {
        LongStream.Builder chosen = LongStream.builder();
        long last = acked.get();
        for (long s = 2; s <= last; s++) {
            if (caughtByCut(s) == caughtByCut) {
                chosen.add(latency[(int) s]);
            }
        }
        return chosen.build().toArray();
    }

    private boolean caughtByCut(long s) {
        for (long[] range : caught) {
            if (s >= range[0] && s <= range[1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        Clients.close(client);
    }
}
