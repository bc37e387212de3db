package nl.opvang.hub;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.testkit.HubProcess;
import nl.opvang.hub.testkit.TestRegion;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Topics;
import nl.opvang.testing.Tools;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/DESIGN.md §9, "hub killed mid-ingest": the hub runs as its own process on a Mosquitto process; a real node (the
 * device's code) records 10,000 events; the hub is killed with {@code kill -9} in the middle and restarted. The one
 * oracle: every event the node saw acked is stored exactly once, and the node's resends fill in the rest.
 */
class HubCrashIT {
    private static final int EVENTS = 10_000;

    @TempDir
    Path dir;

    @Test
    void every_event_acked_before_a_kill_9_is_stored_exactly_once_and_resends_fill_the_rest() throws Exception {
        Tools.require("mosquitto");
        Path region = TestRegion.write(dir);
        Path data = dir.resolve("hub-data");
        String[] hubArgs = {"--mqtt-url", null, "--http-port", "0", "--data", data.toString(), "--region", region.toString()};
        Codec codec = new Codec();
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            hubArgs[1] = broker.url();
            HubProcess hub = HubProcess.start(dir, hubArgs);
            AtomicLong highestAck = new AtomicLong();
            MqttClient observer = new MqttClient(broker.url(), "ack-observer", new MemoryPersistence());
            observer.connect(new MqttConnectOptions());
            observer.subscribe(Topics.node("test", "test-1", Channel.ACK), 1, (topic, message) -> {
                Ack ack = codec.decodeAck(message.getPayload());
                highestAck.accumulateAndGet(ack.seq(), Math::max);
            });
            List<NodeConfig.BedConfig> beds = new ArrayList<>();
            for (int bed = 1; bed <= 4; bed++) {
                beds.add(new NodeConfig.BedConfig("T" + bed, Kind.REGULAR));
            }
            beds.add(new NodeConfig.BedConfig("T5", Kind.CRISIS));
            try (Node node = Node.start(NodeConfig.simulated("test", "test-1", broker.url(), dir.resolve("node"), beds,
                    List.of()), Clock.systemUTC())) {
                // Check-ins and -outs go on while the hub dies: each is committed locally (fsync) and queued.
                Thread worker = new Thread(() -> {
                    for (int i = 0; i < EVENTS; i++) {
                        String bed = "T" + (1 + (i / 2) % 5);
                        String pass = "4000" + (i / 2);
                        if (i % 2 == 0) {
                            node.checkIn(bed, pass, "0307");
                        } else {
                            node.checkOut(bed, pass, null);
                        }
                    }
                }, "night-shift");
                worker.start();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                        .until(() -> highestAck.get() >= 1000);

                hub.kill();
                long ackedBeforeKill = highestAck.get();
                String session = node.session();
                assertTrue(ackedBeforeKill < EVENTS, "the kill came before the end");
                assertEquals(ackedBeforeKill, countStored(data, session, ackedBeforeKill),
                        "every seq acked before the kill is on disk");

                HubProcess restarted = HubProcess.start(dir, hubArgs);
                try {
                    worker.join(120_000);
                    await().atMost(Duration.ofSeconds(90)).until(() -> node.pendingCount() == 0);
                    long lastSeq = highestAck.get();
                    assertTrue(lastSeq > EVENTS, "the birth and all events were acked, last seq " + lastSeq);
                    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hub.db"));
                         Statement statement = db.createStatement()) {
                        ResultSet rows = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT seq), MIN(seq), MAX(seq), "
                                + "SUM(CASE WHEN rejected IS NULL THEN 0 ELSE 1 END) FROM event WHERE node = 'test-1' "
                                + "AND session = '" + session + "'");
                        rows.next();
                        long max = rows.getLong(4);
                        assertEquals(max, rows.getLong(1), "no seq missing, none doubled");
                        assertEquals(max, rows.getLong(2));
                        assertEquals(1, rows.getLong(3));
                        assertTrue(max >= lastSeq);
                        assertEquals(0, rows.getLong(5), "nothing refused");
                        ResultSet checkIns = statement.executeQuery(
                                "SELECT COUNT(*) FROM event WHERE type IN ('check_in', 'check_out')");
                        checkIns.next();
                        assertEquals(EVENTS, checkIns.getLong(1), "each of the 10,000 check-ins and -outs stored once");
                    }
                } finally {
                    restarted.stop();
                }
            } finally {
                observer.disconnect();
                observer.close();
                hub.close();
            }
        }
    }

    /** How many of seq 1..upTo of the session the killed hub left on disk. */
    private static long countStored(Path data, String session, long upTo) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hub.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(DISTINCT seq) FROM event WHERE node = 'test-1' AND session = '"
                     + session + "' AND seq <= " + upTo)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
