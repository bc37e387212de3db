package nl.opvang.device.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.harness.TcpProxy;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.NodeStatus;
import nl.opvang.protocol.TurnAwayReason;
import nl.opvang.testing.Tools;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults of docs/DESIGN.md §9 on a real Mosquitto process: broker killed, link cut, last will. */
class NodeFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private MosquittoBroker broker;
    private Node node;

    @BeforeEach
    void start() {
        Tools.require("mosquitto");
        broker = MosquittoBroker.start();
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void a_thousand_events_recorded_while_the_broker_is_dead_all_arrive_in_order_after_its_restart() throws MqttException {
        LinkSettings settings = LinkSettings.defaults().withAckTimeout(Duration.ofSeconds(3));
        // The node reaches the broker through a proxy that stays shut until the hub below has subscribed again: the
        // broker is killed without saving sessions, so anything the node sent before that would reach no hub and only
        // arrive later as a resend, which says nothing about the order the node sends in.
        try (TcpProxy proxy = new TcpProxy(broker.port())) {
            try (TestHub before = new TestHub(broker.url(), TestNodes.SITE, TestNodes.NODE, true)) {
                node = Node.start(TestNodes.config(proxy.url(), dir), Clock.systemUTC(), settings);
                await().atMost(WAIT).until(() -> before.count("birth") == 1 && node.pendingCount() == 0);
                proxy.cut();
                broker.kill();
            }
            await().atMost(WAIT).until(() -> !node.brokerConnected());
            for (int i = 0; i < 500; i++) {
                String bed = "A" + (1 + i % 4);
                node.checkIn(bed, "pass-" + i, "0307");
                node.checkOut(bed, "pass-" + i, "onbekend");
            }
            assertEquals(1000, node.pendingCount());

            broker.restart();
            try (TestHub after = new TestHub(broker.url(), TestNodes.SITE, TestNodes.NODE, true)) {
                after.storedUpTo(1);
                proxy.restore();
                await().atMost(WAIT).until(() -> node.pendingCount() == 0);
                List<NodeMessage> distinct = after.distinct();
                assertEquals(1000, distinct.size());
                for (int i = 0; i < distinct.size(); i++) {
                    assertEquals(i + 2L, distinct.get(i).envelope().seq());
                    assertEquals(i % 2 == 0 ? "check_in" : "check_out", distinct.get(i).type());
                }
                assertArrivedInOrder(after.received());
            }
        }
    }

    @Test
    void a_cut_link_is_reconnected_within_ten_seconds_and_what_was_recorded_meanwhile_is_resent() throws MqttException {
        try (TcpProxy proxy = new TcpProxy(broker.port());
             TestHub hub = new TestHub(broker.url(), TestNodes.SITE, TestNodes.NODE, true)) {
            node = Node.start(TestNodes.config(proxy.url(), dir), Clock.systemUTC());
            await().atMost(WAIT).until(() -> hub.count("birth") == 1 && node.pendingCount() == 0);
            proxy.cut();
            await().atMost(WAIT).until(() -> !node.brokerConnected());
            node.checkIn("A1", "pass-1", null);
            node.turnAway(TurnAwayReason.FULL, null);
            // Let the back-off grow a little while the link is down, then check it stays under the 10 s cap.
            await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
            proxy.restore();
            long restored = System.nanoTime();
            await().atMost(Duration.ofSeconds(13)).until(node::brokerConnected);
            assertTrue(System.nanoTime() - restored < Duration.ofSeconds(13).toNanos());
            await().atMost(WAIT).until(() -> hub.distinct().size() == 3 && node.pendingCount() == 0);
            assertEquals(List.of("birth", "check_in", "turn_away"), hub.distinct().stream().map(NodeMessage::type).toList());
        }
    }

    @Test
    void a_half_open_link_is_noticed_by_the_keep_alive_and_what_was_sent_into_it_is_resent_after_the_reconnect()
            throws MqttException {
        Duration keepAlive = Duration.ofSeconds(2);
        LinkSettings settings = new LinkSettings(Duration.ofSeconds(3), 100, keepAlive, Duration.ofSeconds(1));
        try (TcpProxy proxy = new TcpProxy(broker.port());
             TestHub hub = new TestHub(broker.url(), TestNodes.SITE, TestNodes.NODE, true)) {
            node = Node.start(TestNodes.config(proxy.url(), dir), Clock.systemUTC(), settings);
            await().atMost(WAIT).until(() -> hub.count("birth") == 1 && node.pendingCount() == 0);

            // No FIN, no RST: the node believes it is connected and publishes into the void.
            assertEquals(1, proxy.halfOpen());
            long silenced = System.nanoTime();
            node.checkIn("A1", "pass-1", null);
            node.turnAway(TurnAwayReason.FULL, null);
            assertTrue(node.brokerConnected(), "nothing told the node yet");
            await().atMost(WAIT).until(() -> !node.brokerConnected());
            Duration noticed = Duration.ofNanos(System.nanoTime() - silenced);
            assertTrue(noticed.compareTo(keepAlive.multipliedBy(3)) < 0, "noticed after " + noticed.toMillis() + " ms");
            assertEquals(2, node.pendingCount(), "both still unacked");

            proxy.restore();
            await().atMost(WAIT).until(() -> node.brokerConnected() && node.pendingCount() == 0);
            assertEquals(List.of("birth", "check_in", "turn_away"), hub.distinct().stream().map(NodeMessage::type).toList());
            assertArrivedInOrder(hub.received());
            System.out.println("NodeFaultsTest: a half-open link noticed after " + noticed.toMillis() + " ms (keep-alive "
                    + keepAlive.toSeconds() + " s)");
        }
    }

    @Test
    void killing_the_link_publishes_the_retained_offline_will_and_the_reconnect_a_higher_connection() throws MqttException {
        try (TcpProxy proxy = new TcpProxy(broker.port());
             TestHub hub = new TestHub(broker.url(), TestNodes.SITE, TestNodes.NODE, true)) {
            node = Node.start(TestNodes.config(proxy.url(), dir), Clock.systemUTC());
            await().atMost(WAIT).until(() -> !hub.statuses().isEmpty());
            NodeStatus online = hub.statuses().get(0);
            assertTrue(online.online());

            proxy.cut();
            await().atMost(WAIT).until(() -> hub.statuses().stream().anyMatch(status -> !status.online()));
            NodeStatus will = hub.statuses().stream().filter(status -> !status.online()).findFirst().orElseThrow();
            assertEquals(online.connection(), will.connection());
            assertEquals(node.session(), will.session());
            try (TestHub late = new TestHub(broker.url(), TestNodes.SITE, TestNodes.NODE, false)) {
                // A subscriber arriving later still sees the node offline: the will is retained.
                await().atMost(WAIT).until(() -> !late.raw().isEmpty());
                assertTrue(late.raw().get(0).retained());
                assertFalse(late.statuses().get(0).online());
            }

            proxy.restore();
            await().atMost(WAIT).until(() -> hub.statuses().get(hub.statuses().size() - 1).online());
            NodeStatus again = hub.statuses().get(hub.statuses().size() - 1);
            assertTrue(again.connection() > online.connection());
        }
    }

    private static void assertArrivedInOrder(List<NodeMessage> received) {
        Set<Long> seen = new HashSet<>();
        long last = 0;
        for (NodeMessage message : received) {
            long seq = message.envelope().seq();
            if (seen.add(seq)) {
                assertTrue(seq > last, "seq " + seq + " first arrived after " + last);
                last = seq;
            }
        }
    }
}
