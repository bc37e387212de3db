package nl.opvang.hub.ops;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A Paho client for broker tests that remembers every message it received as {@code topic payload}. */
final class BrokerClient implements AutoCloseable {
    final List<String> received = new CopyOnWriteArrayList<>();
    private final MqttClient client;
    private volatile boolean lost;

    private BrokerClient(MqttClient client) {
        this.client = client;
    }

    /** Connects, or throws the broker's refusal ({@code MqttSecurityException} for a refused login). */
    static BrokerClient connect(String url, SocketFactory sockets, String user, String password) throws MqttException {
        return connect(url, sockets, user, password, new Identity("test-" + user + "-" + System.nanoTime(), true, null, null));
    }

    /**
     * How a client presents itself beyond its login: the client id it asks for, its session, and its last will.
     *
     * @param willTopic the will's topic (retained, QoS 1), or {@code null} for no will
     */
    record Identity(String clientId, boolean cleanSession, String willTopic, String willPayload) {
    }

    /** As {@link #connect(String, SocketFactory, String, String)}, presenting {@code identity}. */
    static BrokerClient connect(String url, SocketFactory sockets, String user, String password, Identity identity)
            throws MqttException {
        MqttClient client = new MqttClient(url, identity.clientId(), new MemoryPersistence());
        BrokerClient wrapper = new BrokerClient(client);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                wrapper.lost = true;
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                wrapper.received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Nothing to do: tests watch what subscribers receive, not publisher tokens.
                return;
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(identity.cleanSession());
        options.setConnectionTimeout(5);
        if (identity.willTopic() != null) {
            options.setWill(identity.willTopic(), identity.willPayload().getBytes(StandardCharsets.UTF_8), 1, true);
        }
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        if (user != null) {
            options.setUserName(user);
        }
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return wrapper;
    }

    void subscribe(String... filters) throws MqttException {
        for (String filter : filters) {
            client.subscribe(filter, 1);
        }
    }

    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    boolean connected() {
        return client.isConnected() && !lost;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnectForcibly(0, 1000);
        }
        client.close(true);
    }
}
