package nl.opvang.hub.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production broker set-up (docs/DESIGN.md §2, §3; FAULTS S07, S09, S10, S19) against a real Mosquitto over TLS.
 */
class SecuredBrokerTest {
    private static final List<NodeSpec> NODES = List.of(new NodeSpec("amg-1", "amg", List.of()),
            new NodeSpec("sp-1", "sp", List.of()));

    @TempDir
    Path dir;
    SecuredBroker broker;

    @BeforeEach
    void start() {
        SecuredBroker.requireTools();
        broker = SecuredBroker.start(dir, NODES);
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private BrokerClient hub() throws MqttException {
        BrokerClient hub = BrokerClient.connect(broker.url(), broker.trustingOurCa(), BrokerConfig.HUB_USER,
                broker.password(BrokerConfig.HUB_USER));
        hub.subscribe(Topics.HUB_SUBSCRIPTIONS.toArray(String[]::new));
        return hub;
    }

    private BrokerClient node(String node) throws MqttException {
        String user = BrokerConfig.nodeUser(node);
        return BrokerClient.connect(broker.url(), broker.trustingOurCa(), user, broker.password(user));
    }

    @Test
    void the_hub_reads_births_and_events_and_its_acks_reach_the_node() throws MqttException {
        try (BrokerClient hub = hub(); BrokerClient node = node("amg-1")) {
            node.subscribe(Topics.node("amg", "amg-1", Channel.ACK), Topics.node("amg", "amg-1", Channel.CMD), Topics.HUB_STATUS);

            node.publish(Topics.node("amg", "amg-1", Channel.BIRTH), "birth");
            node.publish(Topics.node("amg", "amg-1", Channel.EVENT), "event");
            hub.publish(Topics.node("amg", "amg-1", Channel.ACK), "ack");
            hub.publish(Topics.node("amg", "amg-1", Channel.CMD), "cmd");
            hub.publish(Topics.HUB_STATUS, "online");

            await().atMost(Duration.ofSeconds(10)).until(() -> hub.received.size() == 2 && node.received.size() == 3);
            assertEquals(List.of("opvang/v1/amg/amg-1/birth birth", "opvang/v1/amg/amg-1/event event"), hub.received);
            assertEquals(List.of("opvang/v1/amg/amg-1/ack ack", "opvang/v1/amg/amg-1/cmd cmd", "opvang/v1/hub/status online"),
                    node.received);
        }
    }

    @Test
    void a_node_publishing_on_another_nodes_topic_is_not_delivered() throws MqttException {
        try (BrokerClient hub = hub(); BrokerClient intruder = node("amg-1")) {
            intruder.publish(Topics.node("sp", "sp-1", Channel.EVENT), "forged");
            intruder.publish(Topics.node("amg", "sp-1", Channel.EVENT), "forged under own site");
            intruder.publish(Topics.node("sp", "sp-1", Channel.ACK), "forged ack");
            intruder.publish(Topics.HUB_STATUS, "forged hub status");
            // Mosquitto keeps one client's messages in order: once this one arrives, the forged ones would have too.
            intruder.publish(Topics.node("amg", "amg-1", Channel.EVENT), "own");

            await().atMost(Duration.ofSeconds(10)).until(() -> !hub.received.isEmpty());
            assertEquals(List.of("opvang/v1/amg/amg-1/event own"), hub.received);
        }
    }

    @Test
    void a_node_cannot_read_another_nodes_acks_or_commands() throws MqttException {
        try (BrokerClient hub = hub(); BrokerClient nosy = node("amg-1")) {
            nosy.subscribe("opvang/v1/sp/sp-1/ack", "opvang/v1/sp/sp-1/cmd", "opvang/v1/#", "opvang/v1/amg/amg-1/ack");

            hub.publish(Topics.node("sp", "sp-1", Channel.ACK), "not yours");
            hub.publish(Topics.node("sp", "sp-1", Channel.CMD), "not yours either");
            hub.publish(Topics.node("amg", "amg-1", Channel.ACK), "yours");

            await().atMost(Duration.ofSeconds(10)).until(() -> nosy.received.contains("opvang/v1/amg/amg-1/ack yours"));
            assertTrue(nosy.received.stream().noneMatch(message -> message.contains("sp-1")), nosy.received.toString());
        }
    }

    /** The hub as it connects (HubGateway): client id {@code opvang-hub}, persistent session, a retained will. */
    private BrokerClient persistentHub() throws MqttException {
        BrokerClient hub = BrokerClient.connect(broker.url(), broker.trustingOurCa(), BrokerConfig.HUB_USER,
                broker.password(BrokerConfig.HUB_USER), new BrokerClient.Identity(BrokerConfig.HUB_USER, false,
                        Topics.HUB_STATUS, "hub offline"));
        hub.subscribe(Topics.HUB_SUBSCRIPTIONS.toArray(String[]::new));
        return hub;
    }

    /** A node's login asking for {@code clientId}, with a clean session, as an intruder would. */
    private BrokerClient asking(String node, String clientId) throws MqttException {
        String user = BrokerConfig.nodeUser(node);
        return BrokerClient.connect(broker.url(), broker.trustingOurCa(), user, broker.password(user),
                new BrokerClient.Identity(clientId, true, null, null));
    }

    @Test
    void a_node_asking_for_the_hubs_client_id_does_not_knock_the_hub_off() throws MqttException {
        try (BrokerClient hub = persistentHub(); BrokerClient watcher = node("sp-1")) {
            watcher.subscribe(Topics.HUB_STATUS);
            // Four times, as seen from outside: each time Mosquitto used to close the hub and send its will.
            for (int i = 0; i < 4; i++) {
                try (BrokerClient intruder = asking("amg-1", BrokerConfig.HUB_USER)) {
                    intruder.publish(Topics.node("amg", "amg-1", Channel.EVENT), "intruder " + i);
                }
            }
            watcher.publish(Topics.node("sp", "sp-1", Channel.EVENT), "after");

            await().atMost(Duration.ofSeconds(10)).until(() -> hub.received.contains("opvang/v1/sp/sp-1/event after"));
            assertTrue(hub.connected(), "the hub was disconnected: " + broker.log());
            assertEquals(List.of(), watcher.received, "nodes saw the hub's will");
        }
    }

    @Test
    void a_node_asking_for_the_hubs_client_id_cannot_wipe_the_hubs_queued_messages() throws MqttException {
        try (BrokerClient hub = persistentHub()) {
            hub.close(); // gone for a moment: its persistent session stays and queues for it
        }
        try (BrokerClient node = node("sp-1")) {
            node.publish(Topics.node("sp", "sp-1", Channel.EVENT), "queued for the hub");
            // A clean session under the hub's id would end the hub's session and drop what is queued for it.
            try (BrokerClient intruder = asking("amg-1", BrokerConfig.HUB_USER)) {
                assertTrue(intruder.connected());
            }
            try (BrokerClient hub = persistentHub()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> hub.received.contains("opvang/v1/sp/sp-1/event queued for the hub"));
            }
        }
    }

    @Test
    void a_node_asking_for_another_nodes_client_id_does_not_mark_that_node_offline() throws MqttException {
        String amgStatus = Topics.node("amg", "amg-1", Channel.STATUS);
        String amgUser = BrokerConfig.nodeUser("amg-1");
        try (BrokerClient hub = persistentHub();
             BrokerClient amg = BrokerClient.connect(broker.url(), broker.trustingOurCa(), amgUser, broker.password(amgUser),
                     new BrokerClient.Identity("node-amg-amg-1", true, amgStatus, "amg-1 offline"))) {
            // Both the client id devices asked for before (node-<site>-<node>) and the login name.
            try (BrokerClient intruder = asking("sp-1", "node-amg-amg-1"); BrokerClient other = asking("sp-1", amgUser)) {
                amg.publish(Topics.node("amg", "amg-1", Channel.EVENT), "still here");

                await().atMost(Duration.ofSeconds(10)).until(() -> hub.received.contains("opvang/v1/amg/amg-1/event still here"));
                assertTrue(amg.connected(), "amg-1 was disconnected: " + broker.log());
                assertEquals(List.of("opvang/v1/amg/amg-1/event still here"), hub.received, "amg-1's will was sent");
            }
        }
    }

    @Test
    void a_node_reconnecting_with_its_own_login_takes_its_old_connection_over() throws MqttException {
        // R16 with the production config: whatever client id the new process asks for, the login decides the session.
        String amgStatus = Topics.node("amg", "amg-1", Channel.STATUS);
        String amgUser = BrokerConfig.nodeUser("amg-1");
        try (BrokerClient hub = persistentHub();
             BrokerClient old = BrokerClient.connect(broker.url(), broker.trustingOurCa(), amgUser, broker.password(amgUser),
                     new BrokerClient.Identity("node-amg-amg-1", true, amgStatus, "old connection offline"));
             BrokerClient fresh = BrokerClient.connect(broker.url(), broker.trustingOurCa(), amgUser, broker.password(amgUser),
                     new BrokerClient.Identity(amgUser, true, amgStatus, "new connection offline"))) {
            fresh.publish(Topics.node("amg", "amg-1", Channel.EVENT), "from the new process");

            await().atMost(Duration.ofSeconds(10)).until(() -> hub.received.contains("opvang/v1/amg/amg-1/event from the new process"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !old.connected());
            assertTrue(fresh.connected());
            assertTrue(hub.received.contains("opvang/v1/amg/amg-1/status old connection offline"), hub.received.toString());
        }
    }

    @Test
    void a_wrong_password_is_refused() {
        assertThrows(MqttSecurityException.class, () -> BrokerClient.connect(broker.url(), broker.trustingOurCa(),
                BrokerConfig.nodeUser("amg-1"), "wrong-password-0123456789"));
        assertThrows(MqttSecurityException.class, () -> BrokerClient.connect(broker.url(), broker.trustingOurCa(),
                BrokerConfig.nodeUser("amg-1"), broker.password(BrokerConfig.nodeUser("sp-1"))));
    }

    @Test
    void an_anonymous_client_is_refused() {
        assertThrows(MqttSecurityException.class, () -> BrokerClient.connect(broker.url(), broker.trustingOurCa(), null, null));
    }

    @Test
    void a_plain_text_connection_is_refused() {
        MqttException refused = assertThrows(MqttException.class, () -> BrokerClient.connect(
                "tcp://127.0.0.1:" + broker.port, null, BrokerConfig.nodeUser("amg-1"),
                broker.password(BrokerConfig.nodeUser("amg-1"))));
        assertFalse(refused instanceof MqttSecurityException, "refused before any login: " + refused);
    }

    @Test
    void a_client_that_does_not_trust_our_ca_is_not_fooled() {
        // The JVM's default trust store does not hold our CA: the handshake fails on the client side.
        assertThrows(MqttException.class, () -> BrokerClient.connect(broker.url(), null, BrokerConfig.nodeUser("amg-1"),
                broker.password(BrokerConfig.nodeUser("amg-1"))));
    }

    @Test
    void a_revoked_node_is_refused_after_the_broker_reloads() throws MqttException {
        String user = BrokerConfig.nodeUser("sp-1");
        String password = broker.password(user);
        try (BrokerClient hub = hub(); BrokerClient revoked = node("sp-1"); BrokerClient other = node("amg-1")) {
            revoked.publish(Topics.node("sp", "sp-1", Channel.EVENT), "before");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.received.size() == 1);

            BrokerConfig.Generated generated = broker.config.generate(NODES, Set.of("sp-1"), Set.of());
            broker.reload();

            assertEquals(List.of(user), generated.removed());
            await().atMost(Duration.ofSeconds(10)).until(() -> !revoked.connected());
            assertThrows(MqttSecurityException.class, () -> BrokerClient.connect(broker.url(), broker.trustingOurCa(), user,
                    password));
            other.publish(Topics.node("amg", "amg-1", Channel.EVENT), "others carry on");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.received.size() == 2);
            assertEquals(List.of("opvang/v1/sp/sp-1/event before", "opvang/v1/amg/amg-1/event others carry on"), hub.received);
        }
    }

    @Test
    void connection_lines_reach_the_log_without_the_client_address() throws MqttException {
        try (BrokerClient node = node("amg-1")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.log().contains("u'node-amg-1'"));
        }
        String log = broker.log();

        assertTrue(log.contains("New client connected from <address> as "), log);
        assertFalse(log.contains("127.0.0.1"), log);
    }

    @Test
    void strip_addresses_removes_what_mosquitto_2_0_puts_in_its_connection_lines() {
        String raw = """
                2026-11-22T22:14:03: New connection from 192.0.2.7:51234 on port 8883.
                2026-11-22T22:14:03: New client connected from 2001:db8::7:4433 as amg-1 (p2, c0, k30, u'node-amg-1').
                2026-11-22T22:14:04: Client amg-1 disconnected, not authorised.
                """;

        String stripped = SecuredBroker.run(dir, raw, List.of("/bin/bash", SecuredBroker.deployBroker().resolve("strip-addresses")
                .toString()));

        assertEquals("""
                2026-11-22T22:14:03: New connection from <address> on port 8883.
                2026-11-22T22:14:03: New client connected from <address> as amg-1 (p2, c0, k30, u'node-amg-1').
                2026-11-22T22:14:04: Client amg-1 disconnected, not authorised.
                """, stripped);
    }
}
