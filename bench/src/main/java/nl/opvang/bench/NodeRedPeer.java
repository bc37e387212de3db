package nl.opvang.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nl.opvang.harness.FreePort;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;

/**
 * The Node-RED peer of docs/DESIGN.md §8: Node-RED 4 as a child process with one of the flows of {@code
 * bench/peer/nodered/flows} (one INSERT per event, or 100 events per INSERT), subscribed to the nodes' {@code event}
 * and {@code birth} topics on the run's Mosquitto, storing into a fresh SQLite file (WAL; the sqlite3 module's default
 * {@code synchronous=FULL}). After its INSERT the flow publishes an ack in the hub's format on the node's {@code ack}
 * topic, so the same raw nodes and the same counting as for the hub apply: an event counts when an ack sent after its
 * INSERT covers it.
 *
 * <p>Node-RED's MQTT client sends the QoS 1 PUBACK when a message arrives, before any node of the flow ran: unlike
 * the hub, a Node-RED crash loses what it acknowledged at the MQTT level. The flow's ack is what the bench counts.
 */
final class NodeRedPeer {
    static final List<String> FLOWS = List.of("per-row", "batched");

    private final Path peerDir;
    private final Path work;
    private final String brokerHost;
    private final int brokerPort;
    private final String brokerUrl;
    private final ObjectMapper json;

    NodeRedPeer(Path peerDir, Path work, String brokerUrl, int brokerPort, ObjectMapper json) {
        this.json = json;
        this.peerDir = peerDir.toAbsolutePath();
        this.work = work.toAbsolutePath();
        this.brokerUrl = brokerUrl;
        this.brokerHost = "127.0.0.1";
        this.brokerPort = brokerPort;
    }

    /** Node-RED's folder: {@code bench/peer/nodered} below the working directory, or {@code null} when absent. */
    static Path locate() {
        Path dir = Path.of("bench", "peer", "nodered");
        return Files.isRegularFile(dir.resolve("package-lock.json")) ? dir : null;
    }

    /** Runs {@code npm ci} in the peer folder when Node-RED is not installed there; returns the Node-RED version. */
    String install() throws IOException, InterruptedException {
        Path redJs = peerDir.resolve("node_modules/node-red/red.js");
        Path sqlite = peerDir.resolve("node_modules/node-red-node-sqlite/package.json");
        if (!Files.isRegularFile(redJs) || !Files.isRegularFile(sqlite)) {
            System.out.println("bench: installing Node-RED with npm ci in " + peerDir + " (builds sqlite3 from source; minutes)");
            Path log = work.resolve("npm-ci.log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(peerDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(15, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci failed in " + peerDir + "; see " + log);
            }
        }
        Map<?, ?> pkg = json.readValue(peerDir.resolve("node_modules/node-red/package.json").toFile(), Map.class);
        return String.valueOf(pkg.get("version"));
    }

    /** A Node-RED process running one flow, with its own user folder and SQLite file. */
    Running start(String flow, int index) throws Exception {
        Path userDir = Files.createDirectories(work.resolve("nodered-" + flow + "-" + index));
        Files.copy(peerDir.resolve("flows").resolve(flow + ".json"), userDir.resolve("flows.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Path database = userDir.resolve("peer.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.executeUpdate(Files.readString(peerDir.resolve("schema.sql")));
        }
        ProcessBuilder builder = new ProcessBuilder("node", peerDir.resolve("node_modules/node-red/red.js").toString(),
                "--userDir", userDir.toString(), "--settings", peerDir.resolve("settings.js").toString(), "flows.json")
                .directory(userDir.toFile()).redirectErrorStream(true).redirectOutput(userDir.resolve("node-red.log").toFile());
        builder.environment().put("BENCH_NODERED_PORT", String.valueOf(FreePort.pick()));
        builder.environment().put("BENCH_MQTT_HOST", brokerHost);
        builder.environment().put("BENCH_MQTT_PORT", String.valueOf(brokerPort));
        builder.environment().put("BENCH_SQLITE", database.toString());
        Running running = new Running(builder.start(), database, userDir);
        try {
            running.awaitReady(brokerUrl, flow + "-" + index);
        } catch (Exception | AssertionError e) {
            running.close();
            throw e;
        }
        return running;
    }

    /** One Node-RED process. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final Path database;
        private final Path userDir;

        Running(Process process, Path database, Path userDir) {
            this.process = process;
            this.database = database;
            this.userDir = userDir;
        }

        /** Pings through the flow's own MQTT connection until it answers: connected and subscribed. */
        void awaitReady(String brokerUrl, String name) throws Exception {
            CountDownLatch pong = new CountDownLatch(1);
            MqttAsyncClient client = Clients.connect(brokerUrl, "bench-peer-ping-" + name, true);
            try {
                client.setCallback(Clients.onMessage((topic, payload) -> pong.countDown()));
                client.subscribe("bench/peer/pong", 1).waitForCompletion(10_000);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!pong.await(250, TimeUnit.MILLISECONDS)) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Node-RED exited with " + process.exitValue() + "; see "
                                + userDir.resolve("node-red.log"));
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Node-RED did not answer within 60 s; see " + userDir.resolve("node-red.log"));
                    }
                    client.publish("bench/peer/ping", "ping".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
                }
            } finally {
                Clients.close(client);
            }
        }

        /** Rows in the peer's table: checked against what was acked. */
        long rows() throws SQLException {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT count(*) FROM event")) {
                result.next();
                return result.getLong(1);
            }
        }

        /** VmRSS of the Node-RED process in MB. */
        long pid() {
            return process.pid();
        }

        double rssMegabytes() throws IOException {
            return DeviceBench.rssMegabytes(process.pid());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
