package nl.opvang.device.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HubStatus;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.TurnAwayReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node against embedded Moquette, with a plain Paho client playing the hub. */
class NodeLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private TestHub hub;
    private Node node;

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedBroker();
        hub = new TestHub(broker.url(), TestNodes.SITE, TestNodes.NODE, true);
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (hub != null) {
            hub.close();
        }
        broker.close();
    }

    private Node startNode(LinkSettings settings) {
        node = Node.start(TestNodes.config(broker.url(), dir), Clock.systemUTC(), settings);
        return node;
    }

    @Test
    void events_reach_the_hub_in_seq_order_with_the_envelope_and_acked_ones_leave_the_outbox() {
        startNode(LinkSettings.defaults());
        node.checkIn("A1", "12345678", "0307");
        node.count(Kind.NOOD, 0);
        node.checkOut("A1", "12345678", "woning");
        await().atMost(WAIT).until(() -> hub.distinct().size() >= 4);
        List<NodeMessage> messages = hub.distinct();
        assertEquals(List.of("birth", "check_in", "count", "check_out"), messages.stream().map(NodeMessage::type).toList());
        for (int i = 0; i < messages.size(); i++) {
            NodeMessage message = messages.get(i);
            assertEquals(i + 1L, message.envelope().seq());
            assertEquals(1, message.envelope().v());
            assertEquals(TestNodes.SITE, message.envelope().site());
            assertEquals(TestNodes.NODE, message.envelope().node());
            assertEquals(node.session(), message.envelope().session());
        }
        Payload.CheckIn in = (Payload.CheckIn) messages.get(1).payload();
        assertEquals("A1", in.bed());
        assertEquals(Kind.REGULAR, in.kind());
        assertEquals("0307", in.origin());
        await().atMost(WAIT).until(() -> node.pendingCount() == 0);
    }

    @Test
    void rejections_in_an_ack_are_kept_for_staff() {
        hub.rejectWhenAcking(List.of(new Ack.Rejection(2, "bed A2 is not this node's")));
        startNode(LinkSettings.defaults());
        node.checkIn("A2", "777", null);
        await().atMost(WAIT).until(() -> !node.lastRejections().isEmpty());
        assertEquals("bed A2 is not this node's", node.lastRejections().get(0).reason());
        assertEquals("check_in", node.lastRejections().get(0).type());
        await().atMost(WAIT).until(() -> node.pendingCount() == 0);
    }

    @Test
    void without_acks_the_node_resends_after_the_ack_timeout() {
        hub.autoAck(false);
        startNode(LinkSettings.defaults().withAckTimeout(Duration.ofSeconds(2)));
        node.turnAway(TurnAwayReason.FULL, null);
        await().atMost(WAIT).until(() -> hub.count("turn_away") >= 2);
        assertEquals(2, node.pendingCount());
    }

    @Test
    void the_hub_turning_online_makes_the_node_resend_its_outbox() {
        hub.autoAck(false);
        startNode(LinkSettings.defaults());
        node.turnAway(TurnAwayReason.FULL, null);
        await().atMost(WAIT).until(() -> hub.count("turn_away") == 1 && node.brokerConnected());
        hub.hubStatus(HubStatus.online(Instant.now()));
        await().atMost(WAIT).until(() -> hub.count("turn_away") >= 2 && hub.count("birth") >= 2);
        await().atMost(WAIT).until(node::hubConnected);
    }

    @Test
    void resend_and_rebirth_commands_work_and_a_command_delivered_twice_is_applied_once() {
        hub.autoAck(false);
        startNode(LinkSettings.defaults());
        node.turnAway(TurnAwayReason.FULL, null);
        await().atMost(WAIT).until(() -> hub.count("turn_away") == 1);

        hub.command(Command.of(new Command.Resend(node.session(), 2)));
        await().atMost(WAIT).until(() -> hub.count("turn_away") == 2);
        assertEquals(1, hub.count("birth"));

        Command rebirth = Command.of(new Command.Rebirth());
        hub.command(rebirth);
        hub.command(rebirth);
        await().atMost(WAIT).until(() -> hub.count("birth") >= 2);
        Command hold = Command.of(new Command.Hold(UUID.randomUUID(), Kind.CRISIS, "C1", Instant.now().plusSeconds(7200), "ct"));
        hub.command(hold);
        hub.command(hold);
        await().atMost(WAIT).until(() -> node.incomingHolds().size() == 1);
        // Both hold deliveries were handled after both rebirths: one birth more, not two.
        assertEquals(2, hub.count("birth"));
        assertEquals(3, node.pendingCount());
    }

    @Test
    void holds_come_and_go_and_nood_commands_are_confirmed_with_a_capacity_event() {
        startNode(LinkSettings.defaults());
        // Commands are not retained: the hub sends them to a node it knows is subscribed, i.e. after its birth.
        await().atMost(WAIT).until(() -> hub.count("birth") == 1);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        hub.command(Command.of(new Command.Hold(first, Kind.CRISIS, null, Instant.now().plusSeconds(7200), "veiligthuis")));
        hub.command(Command.of(new Command.Hold(second, Kind.REGULAR, "A3", Instant.now().plusSeconds(7200), "ct")));
        await().atMost(WAIT).until(() -> node.incomingHolds().size() == 2);
        hub.command(Command.of(new Command.ReleaseHold(second)));
        await().atMost(WAIT).until(() -> node.incomingHolds().size() == 1);
        node.acceptHold(first, "C1", "Meld je bij de receptie van het station");
        assertTrue(node.incomingHolds().get(0).accepted());

        Instant until = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        hub.command(Command.of(new Command.OpenNood(until)));
        await().atMost(WAIT).until(() -> node.state().count(Kind.NOOD).orElseThrow().open());
        await().atMost(WAIT).until(() -> hub.count("capacity") == 1);
        Payload.Capacity capacity = (Payload.Capacity) hub.distinct().stream()
                .filter(message -> message.type().equals("capacity")).findFirst().orElseThrow().payload();
        assertEquals(new Payload.Capacity(Kind.NOOD, 4, true, "open_nood", until, null), capacity);
        hub.command(Command.of(new Command.CloseNood()));
        await().atMost(WAIT).until(() -> !node.state().count(Kind.NOOD).orElseThrow().open());
    }

    @Test
    void the_pass_number_appears_neither_in_the_database_file_nor_in_any_published_payload() throws Exception {
        String pass = "9876543210";
        startNode(LinkSettings.defaults());
        node.checkIn("A1", pass, "passant");
        node.checkOut("A1", pass, "woning");
        await().atMost(WAIT).until(() -> hub.distinct().size() >= 3 && node.pendingCount() == 0);
        node.close();
        node = null;
        byte[] needle = pass.getBytes(StandardCharsets.UTF_8);
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                assertFalse(contains(Files.readAllBytes(file), needle), "pass number found in " + file);
            }
        }
        for (TestHub.Raw message : hub.raw()) {
            assertFalse(contains(message.payload(), needle), "pass number published on " + message.topic());
        }
        Payload.CheckIn in = (Payload.CheckIn) hub.distinct().get(1).payload();
        assertEquals(new Pseudonymizer("k1", "demo-key-not-for-production").token(pass), in.token());
    }

    @Test
    void status_is_online_with_the_session_and_a_clean_close_publishes_offline() {
        startNode(LinkSettings.defaults());
        await().atMost(WAIT).until(() -> !hub.statuses().isEmpty());
        assertTrue(hub.statuses().get(0).online());
        assertEquals(node.session(), hub.statuses().get(0).session());
        node.close();
        node = null;
        await().atMost(WAIT).until(() -> hub.statuses().size() >= 2);
        assertFalse(hub.statuses().get(hub.statuses().size() - 1).online());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
