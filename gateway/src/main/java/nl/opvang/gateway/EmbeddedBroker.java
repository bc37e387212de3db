package nl.opvang.gateway;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The embedded MQTT broker (Moquette 0.17) for the demo and quick tests only: loopback by default, telemetry off,
 * persistence in the data folder, messages up to 128 KiB so that an oversized event reaches the gateway and is
 * rejected there instead of closing the node's connection. Durability and speed are proven on Mosquitto.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** Above the contract's 64 KiB, so that the gateway can count oversized messages instead of the broker dropping the link. */
    static final int MAX_MESSAGE_BYTES = 128 * 1024;

    private final Server server = new Server();
    private final String host;
    private final int port;

    private EmbeddedBroker(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Starts the broker.
     *
     * @param host        interface to bind, e.g. {@code 127.0.0.1}
     * @param port        the port; must be free (Moquette cannot report a port it picked itself)
     * @param persistence folder for the broker's store, or {@code null} for memory only
     */
    public static EmbeddedBroker start(String host, int port, Path persistence) {
        Properties properties = new Properties();
        properties.setProperty("host", host);
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("allow_anonymous", "true");
        // mosquitto_pub and MQTT.js leave the client id empty for MQTT 3.1.1 and let the broker assign one.
        properties.setProperty("allow_zero_byte_client_id", "true");
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
        properties.setProperty("websocket_port", "disabled");
        if (persistence == null) {
            properties.setProperty("persistence_enabled", "false");
        } else {
            try {
                Files.createDirectories(persistence);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.setProperty("persistence_enabled", "true");
            properties.setProperty("data_path", persistence.toAbsolutePath().toString());
        }
        EmbeddedBroker broker = new EmbeddedBroker(host, port);
        try {
            broker.server.startServer(new MemoryConfig(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded MQTT broker on " + host + ":" + port, e);
        }
        return broker;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://" + host + ":" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
