package nl.opvang.bench;

import nl.opvang.transport.TcpSocketFactory;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Paho v3 clients as the floor and the raw nodes use them: in-memory persistence, window of 1000, no auto-reconnect
 * (except {@link #connectReconnecting}), {@code TCP_NODELAY} like the node's and the hub's connections.
 */
final class Clients {
    private Clients() {
    }

    static MqttAsyncClient connect(String url, String clientId, boolean cleanSession) throws MqttException {
        return connectWithHandler(url, clientId, cleanSession, null);
    }

    /** As {@link #connect}, with {@code handler} in place before the connect (a persistent session delivers at once). */
    static MqttAsyncClient connectWithHandler(String url, String clientId, boolean cleanSession, Handler handler)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        if (handler != null) {
            client.setCallback(onMessage(handler));
        }
        MqttConnectOptions options = options(url, cleanSession);
        options.setAutomaticReconnect(false);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    /**
     * A client that keeps its session across a lost link, as a real node does: persistent session, automatic reconnect
     * (at most 1 s apart), and Paho's offline buffer, so a publish while the link is down is sent after the reconnect
     * and in-flight ones are sent again. {@code onReconnect} runs after each reconnect.
     */
    static MqttAsyncClient connectReconnecting(String url, String clientId, Handler handler, Runnable onReconnect)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectOptions options = options(url, false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(1_000);
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(100_000);
        buffer.setPersistBuffer(false);
        buffer.setDeleteOldestMessages(false);
        client.setBufferOpts(buffer);
        client.setCallback(onMessage(handler, onReconnect));
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    private static MqttConnectOptions options(String url, boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setMaxInflight(1000);
        options.setKeepAliveInterval(30);
        if (url.startsWith("tcp://")) {
            // As the node and the hub connect: without it a publish waits behind the broker's delayed ACK of the
            // previous PUBACK (Nagle), up to 40 ms, at paced rates such as the sustained load.
            options.setSocketFactory(new TcpSocketFactory());
        }
        return options;
    }

    static MqttCallback onMessage(Handler handler) {
        return onMessage(handler, () -> { });
    }

    /** Hands each message to {@code handler}; {@code onReconnect} runs after an automatic reconnect. */
    private static MqttCallback onMessage(Handler handler, Runnable onReconnect) {
        return new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                if (reconnect) {
                    onReconnect.run();
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                // The bench notices through missing messages and timeouts; a reconnecting client reconnects itself.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                handler.handle(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Completion of our own publishes is not what the bench times.
            }
        };
    }

    /** Publishes, waiting 1 ms and trying again while Paho's in-flight window is full (its code 32202). */
    static void publishWhenRoom(MqttAsyncClient client, String topic, byte[] payload, int qos)
            throws MqttException, InterruptedException {
        while (true) {
            try {
                client.publish(topic, payload, qos, false);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }

    static void close(MqttAsyncClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException ignored) {
            // Closing anyway.
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // Closing anyway.
        }
    }

    /** What a subscriber does with a message. */
    @FunctionalInterface
    interface Handler {
        void handle(String topic, byte[] payload) throws Exception;
    }
}
