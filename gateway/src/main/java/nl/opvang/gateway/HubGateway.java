package nl.opvang.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.ProtocolException;
import nl.opvang.protocol.Reason;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's side of MQTT. Paho's callback only enqueues; one worker thread validates, hands valid messages to the
 * {@link IngestSink} in batches (one durable transaction each) and publishes the acks and commands that the sink
 * returns, after the commit. Bad input is counted by reason; a node's message whose envelope can be read but whose
 * fields break the contract goes to the store as a {@link Payload.Invalid}, to be refused in the ack rather than
 * block the node's stream; anything else bad never reaches the store. The broker connection is {@link BrokerLink}'s,
 * the validation of one message {@link InboundDecoder}'s; this class owns the queue, its budget and the worker.
 */
public final class HubGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubGateway.class);
    private static final int QUEUE_CAPACITY = 100_000;
    /**
     * Payload bytes received and not yet processed, at most. With the count bound alone a flood of large messages
     * could fill the heap (100,000 × 64 KiB); past this the Paho reader waits, which is back-pressure through TCP.
     */
    static final int MAX_QUEUED_BYTES = 16 * 1024 * 1024;
    /** How long {@link #storing()} stays false after a failed store, so a disk that is nearly full cannot flap unseen. */
    private static final long STORE_FAILURE_SHOWN_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final GatewayConfig config;
    /** Set once by {@link #start(IngestSink)}, before the worker runs and before the client connects. */
    private volatile IngestSink sink;
    private final Clock clock;
    private final Codec codec = new Codec();
    private final Rejections rejections;
    /** Made by {@link #start(IngestSink)} with the sink. */
    private volatile InboundDecoder decoder;
    private final Counter received;
    private final Counter storeFailures;
    private final DistributionSummary batchSize;
    private final Timer ingestLatency;
    private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Semaphore queuedBytes = new Semaphore(MAX_QUEUED_BYTES);
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** {@link System#nanoTime()} of the last failed store; meaningful only when {@link #storeFailed} is set. */
    private volatile long lastStoreFailureNanos;
    private volatile boolean storeFailed;
    private final BrokerLink link;
    private final Thread worker;

    private HubGateway(GatewayConfig config, MeterRegistry registry, Clock clock) throws MqttException {
        this.config = config;
        this.clock = clock;
        this.rejections = new Rejections(registry);
        this.received = Counter.builder("opvang_messages_received").description("Messages received from nodes")
                .register(registry);
        this.storeFailures = Counter.builder("opvang_store_failures")
                .description("Batches the hub could not store (nothing acked; nodes resend)").register(registry);
        this.batchSize = DistributionSummary.builder("opvang_ingest_batch_size")
                .description("Messages per durable transaction").register(registry);
        this.ingestLatency = Timer.builder("opvang_ingest_latency")
                .description("From arrival at the hub to the ack after the durable commit")
                .publishPercentiles(0.5, 0.99).register(registry);
        // Paho's callbacks reach enqueue only after start() connects, when every field here is set.
        this.link = new BrokerLink(config, codec, clock.instant(), this::enqueue);
        Gauge.builder("opvang_broker_connected", link, broker -> broker.connected() ? 1 : 0)
                .description("1 when the hub is connected to its MQTT broker").register(registry);
        Gauge.builder("opvang_ingest_queue", queue, BlockingQueue::size)
                .description("Messages received and not yet stored").register(registry);
        Gauge.builder("opvang_ingest_queue_bytes", queuedBytes, budget -> MAX_QUEUED_BYTES - budget.availablePermits())
                .description("Payload bytes received and not yet stored (bounded)").register(registry);
        this.worker = new Thread(this::work, "gateway-ingest");
    }

    /** Starts the worker and connects in the background; an unreachable broker is retried, never fatal. */
    public static HubGateway start(GatewayConfig config, IngestSink sink, MeterRegistry registry, Clock clock) {
        return create(config, registry, clock).start(sink);
    }

    /**
     * The gateway before it connects: {@link #send} and {@link #publish} answer false until {@link #start} has
     * connected. The hub builds its command path on it first and its ingest sink after, so that nothing refers
     * forward to a gateway that does not exist yet.
     */
    public static HubGateway create(GatewayConfig config, MeterRegistry registry, Clock clock) {
        try {
            return new HubGateway(config, registry, clock);
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot use MQTT broker URL " + config.brokerUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Hands received messages to {@code sink} from now on: starts the worker and connects in the background; once. */
    public HubGateway start(IngestSink sink) {
        if (this.sink != null) {
            throw new IllegalStateException("the gateway to " + config.brokerUrl() + " was started already");
        }
        this.sink = sink;
        this.decoder = new InboundDecoder(codec, sink, rejections);
        worker.start();
        link.start();
        return this;
    }

    public boolean connected() {
        return link.connected();
    }

    /**
     * False for five seconds after a failed store (e.g. a full disk), however many batches succeed in between: on a
     * nearly full disk stores fail and succeed in turn, and {@code /health} must not hide that behind the last success.
     */
    public boolean storing() {
        return !storeFailed || System.nanoTime() - lastStoreFailureNanos > STORE_FAILURE_SHOWN_NANOS;
    }

    /** Sends a command to one node (QoS 1). Returns false when the broker is not reachable now. */
    public boolean send(String site, String node, Command command) {
        return link.publish(Topics.node(site, node, Channel.CMD), codec.encode(command), false);
    }

    /** Publishes the retained summary of free places that nodes show to staff (QoS 1). False when not connected. */
    public boolean publish(HubCounts counts) {
        return link.publishRetained(Topics.HUB_COUNTS, codec.encode(counts));
    }

    // ---- the worker

    /** A message as Paho handed it over, with when it arrived. */
    record Received(String topic, byte[] payload, long nanos, Instant at) {
    }

    /**
     * Paho's thread: only enqueue (docs/DESIGN.md §1). A full queue blocks Paho's reader: back-pressure through TCP.
     */
    private void enqueue(String topic, byte[] payload) throws InterruptedException {
        if (payload.length > Codec.MAX_BYTES) {
            // Refused at the door: an oversized payload never takes queue memory.
            received.increment();
            rejections.reject(Reason.TOO_LARGE, topic, payload.length + " bytes");
            return;
        }
        queuedBytes.acquire(payload.length);
        queue.put(new Received(topic, payload, System.nanoTime(), clock.instant()));
    }

    private void work() {
        List<Received> drained = new ArrayList<>(config.maxBatch());
        while (running.get() || !queue.isEmpty()) {
            try {
                Received first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                drained.add(first);
                queue.drainTo(drained, config.maxBatch() - 1);
                process(drained);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Unexpected error in the ingest worker; the batch was not acked and will be resent", e);
            } finally {
                int bytes = 0;
                for (Received message : drained) {
                    bytes += message.payload().length;
                }
                queuedBytes.release(bytes);
                drained.clear();
            }
        }
    }

    private void process(List<Received> drained) {
        List<Inbound> batch = new ArrayList<>(drained.size());
        List<Runnable> statuses = new ArrayList<>();
        for (Received message : drained) {
            received.increment();
            try {
                decoder.decode(message, batch, statuses);
            } catch (ProtocolException e) {
                rejections.reject(e.reason(), message.topic(), e.getMessage());
            }
        }
        if (!batch.isEmpty()) {
            List<Reply> replies;
            try {
                replies = sink.store(batch);
            } catch (RuntimeException e) {
                lastStoreFailureNanos = System.nanoTime();
                storeFailed = true;
                storeFailures.increment();
                LOG.error("Could not store {} messages; nothing was acked, nodes will resend: {}", batch.size(), e.toString());
                return;
            }
            batchSize.record(batch.size());
            for (Reply reply : replies) {
                publishReply(reply);
            }
            long now = System.nanoTime();
            for (Inbound inbound : batch) {
                ingestLatency.record(now - inbound.receivedNanos(), TimeUnit.NANOSECONDS);
            }
        }
        statuses.forEach(Runnable::run);
    }

    private void publishReply(Reply reply) {
        if (reply instanceof Reply.AckReply ack) {
            link.publish(Topics.node(ack.site(), ack.node(), Channel.ACK), codec.encode(ack.ack()), true);
        } else if (reply instanceof Reply.CommandReply command) {
            link.publish(Topics.node(command.site(), command.node(), Channel.CMD), codec.encode(command.command()), true);
        }
    }

    /** Stores what is queued, says goodbye with a retained offline status, and disconnects. */
    @Override
    public void close() {
        running.set(false);
        link.stopConnecting();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
    }
}
