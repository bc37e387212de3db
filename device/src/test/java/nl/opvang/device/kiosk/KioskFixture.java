package nl.opvang.device.kiosk;

import static org.awaitility.Awaitility.await;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.config.StaffPin;
import nl.opvang.device.node.Node;
import nl.opvang.gateway.MoquetteStop;
import nl.opvang.harness.FreePort;
import nl.opvang.harness.MqttSetup;
import nl.opvang.protocol.Ack;
import nl.opvang.device.node.NodeStore;
import nl.opvang.hardware.sim.SimulatedCardReader;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.HubStatus;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A real node (SQLite in a temp folder) against embedded Moquette on a free port, a Paho client playing the hub
 * (records what arrives, sends commands, never acks: so the outbox keeps every event for the test to read), a
 * simulated pass reader, and the kiosk on a free port with PIN {@value #PIN}.
 */
final class KioskFixture implements AutoCloseable {
    static final String PIN = "4711";
    /** The location's own address in the node config: shown on the unlocked kiosk only. */
    static final String ADDRESS = "Voorbeeldstraat 1, 3811 AA Amersfoort";
    static final String SITE = "amg";
    static final String NODE = "amg-1";

    final int brokerPort = FreePort.pick();
    final Server broker = new Server();
    final Node node;
    final SimulatedCardReader reader = new SimulatedCardReader();
    final KioskServer kiosk;
    final List<NodeMessage> atHub = new CopyOnWriteArrayList<>();
    private final Path dataDir;
    private final MqttAsyncClient hub;
    private final Codec codec = new Codec();

    KioskFixture(Path dataDir, Duration idleLock) throws MqttException {
        this(dataDir, idleLock, true);
    }

    /** With {@code hubOnline} false the hub never says it is online: the node runs as with the hub unreachable. */
    KioskFixture(Path dataDir, Duration idleLock, boolean hubOnline) throws MqttException {
        this(dataDir, idleLock, hubOnline, UnaryOperator.identity());
    }

    /** With the node's config changed by {@code local} (its own name, say) before the node starts. */
    KioskFixture(Path dataDir, Duration idleLock, boolean hubOnline, UnaryOperator<NodeConfig> local)
            throws MqttException {
        this.dataDir = dataDir;
        startBroker();
        hub = new MqttAsyncClient(brokerUrl(), "kiosk-test-hub-" + UUID.randomUUID(), new MemoryPersistence());
        hub.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // Tests that stop the broker do not need the hub back.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                Channel channel = Topics.parse(topic).channel();
                if (channel == Channel.EVENT || channel == Channel.BIRTH) {
                    atHub.add(codec.decodeNodeMessage(message.getPayload()));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Commands are fire-and-forget.
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        MqttSetup.connect(hub, options,
                () -> hub.subscribe(Topics.PREFIX + "/" + SITE + "/" + NODE + "/+", 1).waitForCompletion(5_000));
        // The node calls the hub connected only once the hub's retained status says online.
        if (hubOnline) {
            hub.publish(Topics.HUB_STATUS, codec.encode(HubStatus.online(Instant.now())), 1, true).waitForCompletion(5_000);
        }
        NodeConfig config = NodeConfig.simulated(SITE, NODE, brokerUrl(), dataDir,
                List.of(new NodeConfig.BedConfig("A1", Kind.REGULAR), new NodeConfig.BedConfig("A2", Kind.REGULAR),
                        new NodeConfig.BedConfig("A3", Kind.REGULAR), new NodeConfig.BedConfig("C1", Kind.CRISIS)),
                List.of(new NodeConfig.CountConfig(Kind.NOOD, 2, false)))
                .withKiosk(new NodeConfig.KioskSettings(0, StaffPin.hash(PIN), idleLock, null)).withAddress(ADDRESS);
        config = local.apply(config);
        node = Node.start(config, Clock.systemUTC());
        kiosk = KioskServer.start(node, config.kiosk(), reader, Clock.systemUTC());
        // Hub status seen means the node's subscriptions (commands included) are in place: commands are not lost.
        if (hubOnline) {
            await().atMost(Duration.ofSeconds(15)).until(node::hubConnected);
        } else {
            await().atMost(Duration.ofSeconds(15)).until(node::brokerConnected);
        }
    }

    private void startBroker() {
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", String.valueOf(brokerPort));
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("netty.mqtt.message_size", String.valueOf(128 * 1024));
        try {
            broker.startServer(new MemoryConfig(properties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    void command(Command.Body body) throws MqttException {
        hub.publish(Topics.node(SITE, NODE, Channel.CMD), codec.encode(Command.of(body)), 1, false).waitForCompletion(5_000);
    }

    /** The hub's retained summary of the region (opvang/v1/hub/counts), as the hub publishes it. */
    void counts(HubCounts counts) throws MqttException {
        hub.publish(Topics.HUB_COUNTS, codec.encode(counts), 1, true).waitForCompletion(5_000);
    }

    /** The hub's ack for the node's session up to {@code seq}, refusing the listed events. */
    void ack(long seq, List<Ack.Rejection> rejected) throws MqttException {
        hub.publish(Topics.node(SITE, NODE, Channel.ACK), codec.encode(Ack.of(node.session(), seq, rejected)), 1, false)
                .waitForCompletion(5_000);
    }

    void stopBroker() {
        MoquetteStop.stop(broker);
    }

    /** The outbox rows as "type payload", read straight from the node's SQLite file. */
    List<String> outbox() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(NodeStore.FILE_NAME));
             Statement select = c.createStatement();
             ResultSet result = select.executeQuery("SELECT type, payload FROM outbox ORDER BY seq")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2));
            }
        }
        return rows;
    }

    /** One number read straight from the node's SQLite file. */
    long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(NodeStore.FILE_NAME));
             Statement select = c.createStatement();
             ResultSet result = select.executeQuery(sql)) {
            return result.next() ? result.getLong(1) : 0;
        }
    }

    long outboxCount(String type) throws SQLException {
        return outbox().stream().filter(row -> row.startsWith(type + " ")).count();
    }

    @Override
    public void close() throws MqttException {
        kiosk.close();
        node.close();
        try {
            hub.disconnectForcibly(0, 1_000); // no quiesce: the one-argument form waits 30 s for a broker gone
        } catch (MqttException ignored) {
            // The broker may already be stopped by the test.
        }
        hub.close(true);
        MoquetteStop.stop(broker);
    }
}
