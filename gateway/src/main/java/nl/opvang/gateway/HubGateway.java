package nl.opvang.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.HubStatus;
import nl.opvang.protocol.NoDelaySocketFactory;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.NodeStatus;
import nl.opvang.protocol.NodeTopic;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.ProtocolException;
import nl.opvang.protocol.Reason;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's side of MQTT. Paho's callback only enqueues; one worker thread validates, hands valid messages to the
 * {@link IngestSink} in batches (one durable transaction each) and publishes the acks and commands that the sink
 * returns, after the commit. Bad input is counted by reason; a node's message whose envelope can be read but whose
 * fields break the contract goes to the store as a {@link Payload.Invalid}, to be refused in the ack rather than
 * block the node's stream; anything else bad never reaches the store.
 */
public final class HubGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubGateway.class);
    private static final int QUEUE_CAPACITY = 100_000;
    /**
     * Payload bytes received and not yet processed, at most. With the count bound alone a flood of large messages
     * could fill the heap (100,000 × 64 KiB); past this the Paho reader waits, which is back-pressure through TCP.
     */
    static final int MAX_QUEUED_BYTES = 16 * 1024 * 1024;
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(10);
    /** How long {@link #storing()} stays false after a failed store, so a disk that is nearly full cannot flap unseen. */
    private static final long STORE_FAILURE_SHOWN_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final GatewayConfig config;
    /** Set once by {@link #start(IngestSink)}, before the worker runs and before the client connects. */
    private volatile IngestSink sink;
    private final Clock clock;
    private final Codec codec = new Codec();
    private final Rejections rejections;
    private final Counter received;
    private final Counter storeFailures;
    private final DistributionSummary batchSize;
    private final Timer ingestLatency;
    private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Semaphore queuedBytes = new Semaphore(MAX_QUEUED_BYTES);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean connected = new AtomicBoolean(false);
    /** {@link System#nanoTime()} of the last failed store; meaningful only when {@link #storeFailed} is set. */
    private volatile long lastStoreFailureNanos;
    private volatile boolean storeFailed;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "gateway-connect"));
    private final Instant started;
    private final MqttAsyncClient client;
    private final Thread worker;
    private volatile long reconnectDelayMillis = 250;
    /** Counted down when the last connect attempt has ended, either way; {@link #close} waits for it. */
    private volatile CountDownLatch connectAttempt = new CountDownLatch(0);

    private HubGateway(GatewayConfig config, MeterRegistry registry, Clock clock) throws MqttException {
        this.config = config;
        this.clock = clock;
        this.started = clock.instant();
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
        Gauge.builder("opvang_broker_connected", connected, flag -> flag.get() ? 1 : 0)
                .description("1 when the hub is connected to its MQTT broker").register(registry);
        Gauge.builder("opvang_ingest_queue", queue, BlockingQueue::size)
                .description("Messages received and not yet stored").register(registry);
        Gauge.builder("opvang_ingest_queue_bytes", queuedBytes, budget -> MAX_QUEUED_BYTES - budget.availablePermits())
                .description("Payload bytes received and not yet stored (bounded)").register(registry);
        this.client = new MqttAsyncClient(config.brokerUrl(), config.clientId(), new MemoryPersistence());
        this.client.setCallback(new Callback());
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
        worker.start();
        connector.execute(this::connect);
        return this;
    }

    public boolean connected() {
        return connected.get();
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
        return publish(Topics.node(site, node, Channel.CMD), codec.encode(command), false);
    }

    /** Publishes the retained summary of free places that nodes show to staff (QoS 1). False when not connected. */
    public boolean publish(HubCounts counts) {
        if (!client.isConnected()) {
            return false;
        }
        try {
            client.publish(Topics.HUB_COUNTS, codec.encode(counts), Topics.QOS, true);
            return true;
        } catch (MqttException e) {
            LOG.debug("Could not publish the region counts: {}", e.getMessage());
            return false;
        }
    }

    // ---- connection

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        // A persistent session: the broker queues node messages while the hub restarts. Not relied on for
        // durability (nodes resend everything unacked), but it makes catching up faster.
        options.setCleanSession(false);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        options.setMaxInflight(1000);
        options.setAutomaticReconnect(false);
        options.setWill(Topics.HUB_STATUS, codec.encode(HubStatus.offline(started)), Topics.QOS, true);
        if (config.brokerUrl().startsWith("tcp://")) {
            // Without it every ack waits up to 40 ms for the broker's delayed ACK (docs/PERFORMANCE.md).
            options.setSocketFactory(new NoDelaySocketFactory());
        }
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().toCharArray());
        }
        return options;
    }

    private void connect() {
        if (!running.get() || client.isConnected()) {
            return;
        }
        try {
            connectAttempt = new CountDownLatch(1);
            IMqttToken token;
            try {
                token = client.connect(options(), null, new AttemptEnded(connectAttempt));
            } catch (MqttException refusedAtOnce) {
                connectAttempt.countDown();
                throw refusedAtOnce;
            }
            token.waitForCompletion(15_000);
            for (String filter : Topics.HUB_SUBSCRIPTIONS) {
                client.subscribe(filter, Topics.QOS).waitForCompletion(10_000);
            }
            client.publish(Topics.HUB_STATUS, codec.encode(HubStatus.online(started)), Topics.QOS, true)
                    .waitForCompletion(10_000);
            connected.set(true);
            reconnectDelayMillis = 250;
            LOG.info("Connected to MQTT broker {}", config.brokerUrl());
        } catch (MqttException e) {
            connected.set(false);
            if (!running.get()) {
                // Closing interrupted the attempt: nothing to retry or warn about.
                LOG.debug("Connect to {} ended by close: {}", config.brokerUrl(), e.getMessage());
                return;
            }
            LOG.warn("Cannot reach MQTT broker {} ({}); retrying in {} ms", config.brokerUrl(), e.getMessage(),
                    reconnectDelayMillis);
            closeQuietlyAfterFailedConnect();
            scheduleReconnect();
        }
    }

    /** Counts a connect attempt's end down, however it ended (Paho calls one of the two once). */
    private record AttemptEnded(CountDownLatch latch) implements IMqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            latch.countDown();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
            latch.countDown();
        }
    }

    private void closeQuietlyAfterFailedConnect() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000);
            }
        } catch (MqttException ignored) {
            // Reconnecting anyway.
        }
    }

    private void scheduleReconnect() {
        if (!running.get()) {
            return;
        }
        long delay = reconnectDelayMillis;
        reconnectDelayMillis = Math.min(delay * 2, MAX_RECONNECT_DELAY.toMillis());
        connector.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            connected.set(false);
            LOG.warn("Lost the MQTT broker: {}", cause == null ? "closed" : cause.getMessage());
            scheduleReconnect();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            // Only enqueue (DESIGN §1). A full queue blocks Paho's reader: back-pressure through TCP.
            byte[] payload = message.getPayload();
            if (payload.length > Codec.MAX_BYTES) {
                // Refused at the door: an oversized payload never takes queue memory.
                received.increment();
                rejections.reject(Reason.TOO_LARGE, topic, payload.length + " bytes");
                return;
            }
            queuedBytes.acquire(payload.length);
            queue.put(new Received(topic, payload, System.nanoTime(), clock.instant()));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Acks and commands are fire-and-forget at this level: nodes ask again when they miss one.
        }
    }

    // ---- the worker

    private record Received(String topic, byte[] payload, long nanos, Instant at) {
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
                decode(message, batch, statuses);
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

    private void decode(Received message, List<Inbound> batch, List<Runnable> statuses) {
        if (message.payload().length > Codec.MAX_BYTES) {
            throw new ProtocolException(Reason.TOO_LARGE, message.payload().length + " bytes");
        }
        NodeTopic topic = Topics.parse(message.topic());
        if (!topic.channel().fromNode()) {
            throw new ProtocolException(Reason.BAD_TOPIC, "not a node → hub channel: " + topic.channel().level());
        }
        if (topic.channel() == Channel.STATUS) {
            if (message.payload().length == 0) {
                return; // A retained status being cleared.
            }
            NodeStatus status = codec.decodeNodeStatus(message.payload());
            requireKnown(topic);
            statuses.add(() -> sink.nodeStatus(topic.site(), topic.node(), status));
            return;
        }
        // A message whose envelope reads but whose fields do not is stored as refused, never dropped: its seq is then
        // named in the ack and the node's later events are applied (DESIGN §11).
        NodeMessage decoded = codec.decodeNodeMessage(message.payload(), message.at());
        if (!decoded.envelope().site().equals(topic.site()) || !decoded.envelope().node().equals(topic.node())) {
            throw new ProtocolException(Reason.TOPIC_MISMATCH, "payload names another site or node than its topic");
        }
        boolean birthTopic = topic.channel() == Channel.BIRTH;
        if (decoded.payload() instanceof Payload.Invalid invalid && invalid.birth() && !birthTopic) {
            // Only a birth on the birth topic may start a session, readable or not.
            decoded = new NodeMessage(decoded.envelope(), new Payload.Invalid(invalid.reason(), invalid.problem(),
                    invalid.fields(), false));
        } else if (!(decoded.payload() instanceof Payload.Invalid) && decoded.isBirth() != birthTopic) {
            decoded = new NodeMessage(decoded.envelope(), new Payload.Invalid(Reason.TOPIC_MISMATCH, "a " + decoded.type()
                    + " on the " + topic.channel().level() + " topic", codec.encodeFields(decoded.payload(), List.of()),
                    false));
        }
        requireKnown(topic);
        if (decoded.payload() instanceof Payload.Invalid invalid) {
            rejections.reject(invalid.reason(), message.topic(), invalid.problem() + " (stored as refused, named in the ack)");
        }
        batch.add(new Inbound(decoded, message.at(), message.nanos()));
    }

    private void requireKnown(NodeTopic topic) {
        if (!sink.knows(topic.site(), topic.node())) {
            throw new ProtocolException(Reason.UNKNOWN_NODE, "node " + topic.node() + " of site " + topic.site()
                    + " is not in the registry");
        }
    }

    private void publishReply(Reply reply) {
        if (reply instanceof Reply.AckReply ack) {
            publish(Topics.node(ack.site(), ack.node(), Channel.ACK), codec.encode(ack.ack()), true);
        } else if (reply instanceof Reply.CommandReply command) {
            publish(Topics.node(command.site(), command.node(), Channel.CMD), codec.encode(command.command()), true);
        }
    }

    /** Publishes at QoS 1. Paho's "too many publishes in progress" means wait and retry, never "sent". */
    private boolean publish(String topic, byte[] payload, boolean retryWhenBusy) {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (!client.isConnected()) {
                return false;
            }
            try {
                client.publish(topic, payload, Topics.QOS, false);
                return true;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || !retryWhenBusy) {
                    LOG.debug("Could not publish to {}: {}", topic, e.getMessage());
                    return false;
                }
                pause();
            }
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stores what is queued, says goodbye with a retained offline status, and disconnects. */
    @Override
    public void close() {
        running.set(false);
        connector.shutdownNow();
        // Paho cannot close a client while it connects, and a client stopped mid-connect leaves its connect thread
        // spinning (1.2.5): let an attempt in flight end first (at most the connect timeout, 10 s).
        try {
            connector.awaitTermination(2, TimeUnit.SECONDS);
            connectAttempt.await(11, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                client.publish(Topics.HUB_STATUS, codec.encode(HubStatus.offline(started)), Topics.QOS, true)
                        .waitForCompletion(2_000);
                client.disconnect().waitForCompletion(2_000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("Closing the MQTT client: {}", e.getMessage());
        }
        connected.set(false);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
