package nl.opvang.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;

/**
 * The embedded MQTT broker (Moquette 0.17): loopback by default, telemetry off, persistence in the data folder,
 * messages up to 128 KiB so that an oversized event reaches the gateway and is rejected there instead of closing the
 * node's connection. Who may connect and publish where is decided by a {@link BrokerAccess}: {@link BrokerAccess#OPEN}
 * for the demo, the node passwords and ACL of {@code broker-config} otherwise. Malformed packets, refused logins and
 * ACL denials are counted and logged in bounded lines ({@link BrokerErrors}). Durability and speed are proven on Mosquitto.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** Above the contract's 64 KiB, so that the gateway can count oversized messages instead of the broker dropping the link. */
    static final int MAX_MESSAGE_BYTES = 128 * 1024;

    private final Server server = new Server();
    private final String host;
    private final int port;
    private final BrokerErrors errors;

    private EmbeddedBroker(String host, int port, BrokerErrors errors) {
        this.host = host;
        this.port = port;
        this.errors = errors;
    }

    /** An open broker (anyone, any topic), for tests of the gateway itself. */
    public static EmbeddedBroker start(String host, int port, Path persistence) {
        return start(host, port, persistence, BrokerAccess.OPEN, new SimpleMeterRegistry());
    }

    /**
     * Starts the broker.
     *
     * @param host        interface to bind, e.g. {@code 127.0.0.1}
     * @param port        the port; must be free (Moquette cannot report a port it picked itself)
     * @param persistence folder for the broker's store, or {@code null} for memory only
     * @param access      who may connect, and which topics each login may write and read
     * @param metrics     where malformed packets, refused logins and ACL denials are counted ({@link BrokerErrors})
     */
    public static EmbeddedBroker start(String host, int port, Path persistence, BrokerAccess access, MeterRegistry metrics) {
        Properties properties = new Properties();
        properties.setProperty("host", host);
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("allow_anonymous", Boolean.toString(access.open()));
        // mosquitto_pub and MQTT.js leave the client id empty for MQTT 3.1.1 and let the broker assign one (demo only:
        // with logins the client id must be the user name).
        properties.setProperty("allow_zero_byte_client_id", Boolean.toString(access.open()));
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
        BrokerErrors errors = BrokerErrors.install(metrics, Clock.systemUTC());
        EmbeddedBroker broker = new EmbeddedBroker(host, port, errors);
        IAuthenticator authenticator = (clientId, user, password) -> {
            boolean in = access.login(clientId, user, password);
            if (!in) {
                errors.refused(clientId, user);
            }
            return in;
        };
        IAuthorizatorPolicy policy = new IAuthorizatorPolicy() {
            @Override
            public boolean canWrite(Topic topic, String user, String client) {
                boolean may = access.mayWrite(user, topic.toString());
                if (!may) {
                    errors.denied(user, topic.toString(), true);
                }
                return may;
            }

            @Override
            public boolean canRead(Topic topic, String user, String client) {
                boolean may = access.mayRead(user, topic.toString());
                if (!may) {
                    errors.denied(user, topic.toString(), false);
                }
                return may;
            }
        };
        try {
            broker.server.startServer(new MemoryConfig(properties), List.of(), null, authenticator, policy);
        } catch (IOException e) {
            errors.uninstall();
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
        MoquetteStop.stop(server);
        errors.uninstall();
    }
}
