package nl.opvang.bench;

import nl.opvang.protocol.NoDelaySocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Paho v3 clients as the floor and the raw nodes use them: in-memory persistence, window of 1000, no auto-reconnect,
 * {@code TCP_NODELAY} like the node's and the hub's connections.
 */
final class Clients {
    private Clients() {
    }

    static MqttAsyncClient connect(String url, String clientId, boolean cleanSession) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setMaxInflight(1000);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(30);
        if (url.startsWith("tcp://")) {
            // As the node and the hub connect: without it a publish waits behind the broker's delayed ACK of the
            // previous PUBACK (Nagle), up to 40 ms, at paced rates such as the sustained load.
            options.setSocketFactory(new NoDelaySocketFactory());
        }
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    static MqttCallback onMessage(Handler handler) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // The bench notices through missing messages and timeouts.
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
