package nl.opvang.device.node;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.NodeStatus;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's MQTT session (docs/DESIGN.md §3). Publishes the outbox in {@code seq} order with a bounded window, resends
 * everything unacked on connect, when the hub turns online and after {@link LinkSettings#ackTimeout()} without an
 * ack, and reconnects on its own with a capped back-off. Paho's callbacks only enqueue: all state below is confined
 * to the one worker thread, which also does every database call. This class owns the connection, the worker and the
 * node's own housekeeping (journal pruning, heartbeats); the window and the cursor are {@link OutboxSender}'s, what
 * the hub sends is {@link HubInbox}'s, both on the same worker.
 */
public final class NodeLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLink.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);

    private final NodeConfig config;
    private final NodeStore store;
    private final LinkSettings settings;
    private final Codec codec = new Codec();
    private final ScheduledExecutorService worker;
    private final MqttAsyncClient client;
    private final Runnable heartbeat;
    private final Runnable everySecond;
    private final OutboxSender sender;
    private final HubInbox inbox;

    private boolean connecting;
    private boolean connected;
    private boolean closing;
    private long connection;
    private long lastPruneNanos;
    private Duration backoff = FIRST_RETRY;
    private volatile boolean brokerUp;

    NodeLink(NodeConfig config, NodeStore store, LinkSettings settings, Consumer<Command> commands, Runnable heartbeat,
             Runnable everySecond) {
        this.config = config;
        this.store = store;
        this.settings = settings;
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-link-" + config.site() + "-" + config.node());
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.client = new MqttAsyncClient(config.brokerUrl(), LinkOptions.clientId(config), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("brokerUrl is not usable: " + e.getMessage(), e);
        }
        this.client.setCallback(new Callbacks());
        this.heartbeat = heartbeat;
        this.everySecond = everySecond;
        this.sender = new OutboxSender(config, store, settings, client,
                () -> worker.schedule(() -> guard(this::retryPump), 50, TimeUnit.MILLISECONDS));
        this.inbox = new HubInbox(config, store, codec, sender, commands);
    }

    void start() {
        submit(this::connect);
        submit(this::pruneJournal);
        worker.scheduleWithFixedDelay(() -> guard(this::tick), 1, 1, TimeUnit.SECONDS);
    }

    /** Something was recorded: publish it if the window allows. */
    void wake() {
        submit(sender::pump);
    }

    /** How often Paho refused a publish because its own in-flight limit was reached (32202), so it waited and retried. */
    long deferredPublishes() {
        return sender.deferredPublishes();
    }

    /** Connected to the broker (not necessarily to the hub). */
    boolean brokerConnected() {
        return brokerUp;
    }

    /** Connected to the broker, and the hub's retained status (when known) says online. */
    boolean hubConnected() {
        return brokerUp && inbox.hubUp();
    }

    private void connect() {
        if (closing || connecting || connected) {
            return;
        }
        long connection = store.nextConnection();
        connecting = true;
        try {
            client.connect(LinkOptions.forConnection(config, settings, codec, store.session(), connection), null,
                    new IMqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            submit(() -> onConnected(connection));
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable failure) {
                            submit(() -> onDisconnected("connect failed: " + failure.getMessage()));
                        }
                    });
        } catch (MqttException e) {
            onDisconnected("connect failed: " + e.getMessage());
        }
    }

    private void onConnected(long connection) throws MqttException {
        this.connection = connection;
        connecting = false;
        connected = true;
        brokerUp = true;
        backoff = FIRST_RETRY;
        sender.connected();
        LOG.info("node {}/{} connected (connection {})", config.site(), config.node(), connection);
        client.publish(topic(Channel.STATUS), codec.encode(NodeStatus.online(store.session(), connection)),
                Channel.STATUS.qos(), Channel.STATUS.retained());
        // Subscribed before the resend below: the broker handles our packets in order, so no ack can be missed.
        client.subscribe(new String[] {topic(Channel.ACK), topic(Channel.CMD), Topics.HUB_STATUS, Topics.HUB_COUNTS},
                new int[] {Topics.QOS, Topics.QOS, Topics.QOS, Topics.QOS});
        sender.resendFrom(1);
    }

    private void onDisconnected(String why) {
        boolean wasConnected = connected;
        connecting = false;
        connected = false;
        brokerUp = false;
        sender.disconnected();
        if (closing) {
            return;
        }
        if (wasConnected) {
            LOG.warn("node {}/{} lost its broker connection: {}", config.site(), config.node(), why);
        } else {
            LOG.debug("node {}/{}: {}", config.site(), config.node(), why);
        }
        long jitter = ThreadLocalRandom.current().nextLong(backoff.toMillis() / 5 + 1);
        worker.schedule(() -> guard(this::connect), backoff.toMillis() + jitter, TimeUnit.MILLISECONDS);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(settings.maxReconnectDelay()) > 0 ? settings.maxReconnectDelay() : doubled;
    }

    /** The hub's latest summary of free places in the region, if one arrived. */
    Optional<HubCounts> regionCounts() {
        return inbox.regionCounts();
    }

    /** The sender's delayed pump, on the worker (a method, as the sender is not yet assigned when it is wired). */
    private void retryPump() {
        sender.retryPump();
    }

    private void tick() {
        if (System.nanoTime() - lastPruneNanos >= TimeUnit.HOURS.toNanos(1)) {
            pruneJournal();
        }
        sender.checkAckTimeout();
        // The node's own timers (nood places past their end time), on this worker: never at the same time as a command.
        everySecond.run();
        // Heartbeats only while connected and nothing is waiting: an offline node would only fill its outbox with them.
        if (connected && System.nanoTime() - store.lastRecordNanos() >= TimeUnit.SECONDS.toNanos(store.heartbeatSeconds())
                && store.pendingCount() == 0) {
            heartbeat.run();
        }
    }

    /** Drops acked events older than the journal period, so that the SD card does not fill (docs/DESIGN.md §3). */
    private void pruneJournal() {
        lastPruneNanos = System.nanoTime();
        int pruned = store.pruneJournal();
        if (pruned > 0) {
            LOG.info("node {}/{} pruned {} acked events older than {} days from its journal", config.site(), config.node(),
                    pruned, config.journalDays());
        }
    }

    private String topic(Channel channel) {
        return Topics.node(config.site(), config.node(), channel);
    }

    private void submit(Work work) {
        try {
            worker.execute(() -> guard(work));
        } catch (RejectedExecutionException closed) {
            LOG.debug("node link is closed; dropped a task");
        }
    }

    private void guard(Work work) {
        try {
            work.run();
        } catch (MqttException | RuntimeException e) {
            // The worker must survive anything: the outbox is still there, and the next tick or reconnect retries.
            LOG.warn("node {}/{} link task failed: {}", config.site(), config.node(), e.toString());
        }
    }

    /** Publishes the offline status (a clean disconnect sends no last will), disconnects and stops the worker. */
    @Override
    public void close() {
        try {
            worker.submit(() -> {
                closing = true;
                if (connected) {
                    try {
                        client.publish(topic(Channel.STATUS), codec.encode(NodeStatus.offline(store.session(), connection)),
                                Channel.STATUS.qos(), Channel.STATUS.retained()).waitForCompletion(2_000);
                        client.disconnect(2_000).waitForCompletion(3_000);
                    } catch (MqttException e) {
                        LOG.debug("clean disconnect failed: {}", e.getMessage());
                    }
                }
                connected = false;
                brokerUp = false;
                sender.disconnected();
                return null;
            }).get(8, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing the link: {}", e.toString());
        }
        worker.shutdownNow();
        try {
            client.disconnectForcibly(0, 500);
        } catch (MqttException ignored) {
            // Not connected: nothing to force.
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the Paho client: {}", e.getMessage());
        }
    }

    /** A task on the worker thread. */
    @FunctionalInterface
    private interface Work {
        void run() throws MqttException;
    }

    /** Paho's thread only hands over to the worker (docs/DESIGN.md §1). */
    private final class Callbacks implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            submit(() -> onDisconnected(String.valueOf(cause)));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] payload = message.getPayload();
            boolean retained = message.isRetained();
            submit(() -> inbox.onMessage(topic, payload, retained));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            Object context = token.getUserContext();
            submit(() -> sender.delivered(context));
        }
    }
}
