package nl.opvang.hub.testkit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.protocol.Kind;
import org.awaitility.Awaitility;

/**
 * A real hub as it starts in this process (its embedded MQTT broker on a free port, its own wiring and SQLite store)
 * with the test location's node run by the device's own code over that broker (site {@code test}, node {@code test-1},
 * beds T1–T4 regular and T5 crisis), on the system clock. Closing it closes the node, then the hub.
 */
public final class HubWithNode implements AutoCloseable {
    private final Hub hub;
    private final Node node;

    private HubWithNode(Hub hub, Node node) {
        this.hub = hub;
        this.node = node;
    }

    /**
     * The hub in demo mode (its demo accounts, password {@code demo}) on loopback, with its data in {@code hubData}.
     * The per-address rate limit is off: a test plays every user from one address, faster than any burst allows.
     */
    public static HubWithNode start(Path hubData, Path nodeData) {
        return start(HubConfig.builder().demo(true).loopbackAnyPorts().data(hubData).httpRateLimit(0).build(), nodeData);
    }

    public static HubWithNode start(HubConfig config, Path nodeData) {
        Hub hub = Hub.start(config, Clock.systemUTC());
        try {
            return new HubWithNode(hub, Node.start(testNode(hub.mqttUrl(), nodeData), Clock.systemUTC()));
        } catch (RuntimeException | Error e) {
            hub.close();
            throw e;
        }
    }

    /** The test location's node config: beds T1–T4 regular and T5 crisis, no count kinds. */
    public static NodeConfig testNode(String brokerUrl, Path nodeData) {
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        for (int bed = 1; bed <= 4; bed++) {
            beds.add(new NodeConfig.BedConfig("T" + bed, Kind.REGULAR));
        }
        beds.add(new NodeConfig.BedConfig("T5", Kind.CRISIS));
        return NodeConfig.simulated("test", "test-1", brokerUrl, nodeData, beds, List.of());
    }

    /** Waits (up to 15 seconds) until the hub sees the test location live; returns this. */
    public HubWithNode live() {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> hub.inProcess().projection().snapshot().locations()
                .get("test").freshness() == Freshness.LIVE);
        return this;
    }

    public Hub hub() {
        return hub;
    }

    public Node node() {
        return node;
    }

    @Override
    public void close() {
        try {
            node.close();
        } finally {
            hub.close();
        }
    }
}
