package nl.opvang.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.HubStatus;
import nl.opvang.protocol.Topics;
import nl.opvang.transport.TcpSocketFactory;
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
 * The hub's connection to its MQTT broker: every Paho option set here (docs/DESIGN.md §1: Paho's defaults are not
 * ours), a persistent session, our own reconnect loop with a back-off capped at 10 s, the retained hub status (online
 * after each connect, offline as the last will and when closing), and publishing at QoS 1 where Paho's "too many
 * publishes in progress" means wait. What arrives goes to a {@link Receiver}, on Paho's thread.
 */
final class BrokerLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(10);

    /** Where a received message goes. Called on Paho's thread: it must only enqueue (docs/DESIGN.md §1). */
    @FunctionalInterface
    interface Receiver {
        void arrived(String topic, byte[] payload) throws InterruptedException;
    }

    private final GatewayConfig config;
    private final Codec codec;
    private final Instant started;
    private final MqttAsyncClient client;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean connected = new AtomicBoolean(false);
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gateway-connect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long reconnectDelayMillis = 250;
    /** Counted down when the last connect attempt has ended, either way; {@link #stopConnecting} waits for it. */
    private volatile CountDownLatch connectAttempt = new CountDownLatch(0);

    BrokerLink(GatewayConfig config, Codec codec, Instant started, Receiver receiver) throws MqttException {
        this.config = config;
        this.codec = codec;
        this.started = started;
        this.client = new MqttAsyncClient(config.brokerUrl(), config.clientId(), new MemoryPersistence());
        this.client.setCallback(new Callback(receiver));
    }

    /** Connects in the background; an unreachable broker is retried, never fatal. */
    void start() {
        connector.execute(this::connect);
    }

    boolean connected() {
        return connected.get();
    }

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
            // TCP_NODELAY (else every ack waits up to 40 ms for the broker's delayed ACK) and buffered reads (else Paho
            // reads each packet's header a system call per byte): docs/PERFORMANCE.md.
            options.setSocketFactory(new TcpSocketFactory());
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
        private final Receiver receiver;

        Callback(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void connectionLost(Throwable cause) {
            connected.set(false);
            LOG.warn("Lost the MQTT broker: {}", cause == null ? "closed" : cause.getMessage());
            scheduleReconnect();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            receiver.arrived(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Acks and commands are fire-and-forget at this level: nodes ask again when they miss one.
        }
    }

    /** Publishes a retained message (QoS 1) once. False when not connected or the publish failed. */
    boolean publishRetained(String topic, byte[] payload) {
        if (!client.isConnected()) {
            return false;
        }
        try {
            client.publish(topic, payload, Topics.QOS, true);
            return true;
        } catch (MqttException e) {
            LOG.debug("Could not publish to {}: {}", topic, e.getMessage());
            return false;
        }
    }

    /** Publishes at QoS 1. Paho's "too many publishes in progress" means wait and retry, never "sent". */
    boolean publish(String topic, byte[] payload, boolean retryWhenBusy) {
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

    /** No more (re)connecting; the connection stays up so that what is still being stored can be acked. */
    void stopConnecting() {
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
    }

    /** Says goodbye with a retained offline status and disconnects. */
    @Override
    public void close() {
        stopConnecting();
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
}
