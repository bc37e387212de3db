package nl.opvang.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.harness.TcpProxy;
import nl.opvang.protocol.Kind;

/**
 * A node offline with a backlog (docs/DESIGN.md §8): a real {@link Node} behind a {@link TcpProxy} that is cut records
 * {@code count} events into its outbox; the proxy is restored; the clock runs until the outbox is empty, that is until
 * the hub has acked every event after its durable commit.
 */
final class BacklogBench {
    private final int brokerPort;
    private final int location;
    private final Path dataDir;
    private final Path hubDatabase;

    BacklogBench(int brokerPort, int location, Path dataDir, Path hubDatabase) {
        this.brokerPort = brokerPort;
        this.location = location;
        this.dataDir = dataDir;
        this.hubDatabase = hubDatabase;
    }

    /** In order, none lost, none doubled: the hub holds seq 1..{@code expected} of the session, each once. */
    private void verify(String session, long expected) throws SQLException {
        verifyStoredOnce(hubDatabase, BenchRegion.node(location), session, expected);
    }

    /** The hub's database holds seq 1..{@code expected} of the node's session, each exactly once. */
    static void verifyStoredOnce(Path hubDatabase, String node, String session, long expected) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + hubDatabase);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM event WHERE node = ? AND session = ?")) {
            query.setString(1, node);
            query.setString(2, session);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                if (rows.getLong(1) != expected || rows.getLong(2) != expected || rows.getLong(3) != 1
                        || rows.getLong(4) != expected) {
                    throw new IllegalStateException("the hub holds " + rows.getLong(1) + " events (seq " + rows.getLong(3)
                            + ".." + rows.getLong(4) + ") of " + node + "'s session, expected exactly 1.." + expected);
                }
            }
        }
    }

    /** One run: seconds from reconnect to an empty outbox, from restore to reconnect, and to record the backlog. */
    double[] run(int count, int runIndex) throws Exception {
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        for (String bed : BenchRegion.regularBeds()) {
            beds.add(new NodeConfig.BedConfig(bed, Kind.REGULAR));
        }
        beds.add(new NodeConfig.BedConfig("C1", Kind.CRISIS));
        try (TcpProxy proxy = new TcpProxy(brokerPort)) {
            proxy.cut();
            NodeConfig config = NodeConfig.simulated(BenchRegion.site(location), BenchRegion.node(location), proxy.url(),
                    dataDir.resolve("backlog-node-" + (runIndex + 100)), beds, List.of());
            try (Node node = Node.start(config, Clock.systemUTC())) {
                long recordStart = System.nanoTime();
                List<String> regular = BenchRegion.regularBeds();
                for (int i = 0; i < count; i++) {
                    String bed = regular.get((i / 2) % regular.size());
                    if (i % 2 == 0) {
                        node.checkIn(bed, "pas-" + i, "0307");
                    } else {
                        node.checkOut(bed, "pas-" + (i - 1), "eigen-woning");
                    }
                }
                double recordSeconds = (System.nanoTime() - recordStart) / 1e9;
                long pending = node.pendingCount();
                if (pending < count) {
                    throw new IllegalStateException("the outbox holds " + pending + " rows, expected at least " + count);
                }
                long restored = System.nanoTime();
                proxy.restore();
                Await.until(node::brokerConnected, 60, "the node to reconnect");
                long reconnected = System.nanoTime();
                Await.until(() -> node.pendingCount() == 0, 120, "the backlog to drain");
                long drained = System.nanoTime();
                verify(node.session(), count + 1);
                return new double[] {(drained - reconnected) / 1e9, (reconnected - restored) / 1e9, recordSeconds};
            }
        }
    }
}
