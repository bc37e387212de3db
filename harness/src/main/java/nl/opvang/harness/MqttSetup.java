package nl.opvang.harness;

import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Connects a test's or the benchmark's own MQTT client and makes its subscriptions as one step, and does that step
 * again when the broker drops the new connection.
 *
 * <p>Why: Moquette 0.17, the hub's embedded broker, marks a connection usable in a listener it adds to its CONNACK
 * write ({@code MQTTConnection.executeConnect}). When its session thread is descheduled between the write and adding
 * the listener (common on a loaded two-core machine), the write completes first, the listener runs as a later task,
 * and the client's first SUBSCRIBE is read before it: Moquette logs "SUBSCRIBE received on already closed connection"
 * and closes the connection; Paho reports "Connection lost (32109) - EOFException". Once a SUBSCRIBE is acknowledged
 * the connection is safe. The node's link and the hub's broker link reconnect by themselves and ride this out; a
 * client that connects once, as tests and benchmarks do, needs this step.
 */
public final class MqttSetup {
    private static final int ATTEMPTS = 6;

    private MqttSetup() {
    }

    /** What follows the connect: the subscriptions, waited for. */
    @FunctionalInterface
    public interface Subscriptions {
        void make() throws MqttException;
    }

    /** Connects {@code client} with {@code options}, waiting up to 10 s, then makes {@code subscriptions}. */
    public static void connect(IMqttAsyncClient client, MqttConnectOptions options, Subscriptions subscriptions)
            throws MqttException {
        attempt(() -> client.connect(options).waitForCompletion(10_000), subscriptions, () -> {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1_000);
            }
        });
    }

    /** As {@link #connect(IMqttAsyncClient, MqttConnectOptions, Subscriptions)}, for the blocking client. */
    public static void connect(MqttClient client, MqttConnectOptions options, Subscriptions subscriptions)
            throws MqttException {
        attempt(() -> client.connect(options), subscriptions, () -> {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1_000);
            }
        });
    }

    private static void attempt(Subscriptions connect, Subscriptions subscriptions, Subscriptions reset)
            throws MqttException {
        for (int attempt = 1; ; attempt++) {
            try {
                connect.make();
                subscriptions.make();
                return;
            } catch (MqttException e) {
                if (attempt == ATTEMPTS || !droppedOrNotReady(e)) {
                    throw e;
                }
                reset.make();
                pause(100L * attempt, e);
            }
        }
    }

    /** The broker dropped the connection, was not listening yet, or an earlier attempt was still going. */
    private static boolean droppedOrNotReady(MqttException e) {
        return switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_CONNECTION_LOST, MqttException.REASON_CODE_CLIENT_NOT_CONNECTED,
                 MqttException.REASON_CODE_SERVER_CONNECT_ERROR, MqttException.REASON_CODE_CONNECT_IN_PROGRESS,
                 MqttException.REASON_CODE_CLIENT_CONNECTED, MqttException.REASON_CODE_CLIENT_TIMEOUT -> true;
            default -> false;
        };
    }

    private static void pause(long millis, MqttException cause) throws MqttException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }
}
