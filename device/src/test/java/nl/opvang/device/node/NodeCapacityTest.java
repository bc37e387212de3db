package nl.opvang.device.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capacity over time at the node (issue 13): the hub's {@code open_nood}, {@code close_nood} and {@code set_capacity}
 * over a real embedded broker, the node's own end-time timer on a test clock, the "never under a guest" rule, and all of
 * it surviving a restart on the same data folder.
 */
class NodeCapacityTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Instant START = Instant.parse("2026-12-07T20:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-08T11:00:00Z");
    private static final String TOKEN = "0123456789";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private EmbeddedBroker broker;
    private TestHub hub;
    private Node node;

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedBroker();
        hub = new TestHub(broker.url(), TestNodes.SITE, TestNodes.NODE, true);
        startNode();
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void startNode() {
        node = Node.start(TestNodes.config(broker.url(), dir), clock, LinkSettings.defaults());
        await().atMost(WAIT).until(() -> hub.count("birth") >= 1 && node.pendingCount() == 0);
    }

    private void restart() {
        node.close();
        node = null;
        startNode();
    }

    /** The capacity events the hub has, in seq order. */
    private List<Payload.Capacity> capacities() {
        return hub.distinct().stream().map(NodeMessage::payload).filter(Payload.Capacity.class::isInstance)
                .map(Payload.Capacity.class::cast).toList();
    }

    private Payload.Capacity awaitCapacity(int number) {
        await().atMost(WAIT).until(() -> capacities().size() >= number);
        assertEquals(number, capacities().size(), "capacity events: " + capacities());
        return capacities().get(number - 1);
    }

    private Payload.CountState nood() {
        return node.state().count(Kind.NOOD).orElseThrow();
    }

    @Test
    void open_nood_opens_the_chosen_number_until_its_end_time_and_the_node_closes_them_by_itself() throws Exception {
        hub.command(Command.of(new Command.OpenNood(UNTIL, 3)));
        assertEquals(new Payload.Capacity(Kind.NOOD, 3, true, "open_nood", UNTIL, null), awaitCapacity(1));
        assertEquals(new Payload.CountState(Kind.NOOD, 3, true, 0, UNTIL), nood());

        clock.advance(Duration.between(START, UNTIL).minusSeconds(1));
        Thread.sleep(1_500);
        assertTrue(nood().open(), "still open a second before its end time");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(new Payload.Capacity(Kind.NOOD, 3, false, Capacities.UNTIL, null, null), awaitCapacity(2));
        assertFalse(nood().open());
    }

    @Test
    void more_than_configured_opens_all_configured_and_without_a_number_all_open() throws Exception {
        hub.command(Command.of(new Command.OpenNood(UNTIL, 9)));
        assertEquals(4, awaitCapacity(1).capacity());
        hub.command(Command.of(new Command.CloseNood()));
        awaitCapacity(2);
        hub.command(Command.of(new Command.OpenNood(UNTIL)));
        assertEquals(new Payload.Capacity(Kind.NOOD, 4, true, "open_nood", UNTIL, null), awaitCapacity(3));
    }

    @Test
    void close_nood_never_closes_under_a_guest_it_takes_nobody_new_and_closes_when_the_last_one_leaves() throws Exception {
        hub.command(Command.of(new Command.OpenNood(UNTIL, null)));
        awaitCapacity(1);
        node.count(Kind.NOOD, 2);
        hub.command(Command.of(new Command.CloseNood()));
        Payload.Capacity closing = awaitCapacity(2);
        assertEquals(new Payload.Capacity(Kind.NOOD, 2, true, "close_nood", START, null), closing);
        assertTrue(node.nood().orElseThrow().closing());
        assertThrows(OperationRefused.class, () -> node.count(Kind.NOOD, 3), "nobody new while closing");

        node.count(Kind.NOOD, 1);
        assertEquals(new Payload.Capacity(Kind.NOOD, 1, true, Capacities.FREED, START, null), awaitCapacity(3));
        node.count(Kind.NOOD, 0);
        assertEquals(new Payload.Capacity(Kind.NOOD, 4, false, Capacities.FREED, null, null), awaitCapacity(4));
        assertFalse(nood().open());
        assertFalse(node.nood().orElseThrow().closing());
    }

    @Test
    void an_end_time_passing_with_a_guest_starts_closing_and_a_restart_keeps_it_closing() throws Exception {
        node.openNood(2, UNTIL, "kiosk");
        node.count(Kind.NOOD, 1);
        clock.advance(Duration.between(START, UNTIL).plusMinutes(5));
        assertEquals(new Payload.Capacity(Kind.NOOD, 1, true, Capacities.UNTIL, UNTIL, null), awaitCapacity(2));

        restart();
        assertTrue(node.nood().orElseThrow().closing(), "closing survives the restart");
        assertEquals(new Payload.CountState(Kind.NOOD, 1, true, 1, UNTIL), nood());
        node.count(Kind.NOOD, 0);
        assertEquals(new Payload.Capacity(Kind.NOOD, 2, false, Capacities.FREED, null, null), awaitCapacity(3));
    }

    @Test
    void an_end_time_that_passed_while_the_node_was_off_closes_the_places_at_start_once() throws Exception {
        node.openNood(null, UNTIL, "kiosk");
        awaitCapacity(1);
        node.close();
        node = null;
        clock.advance(Duration.ofDays(2));
        startNode();
        assertEquals(new Payload.Capacity(Kind.NOOD, 4, false, Capacities.UNTIL, null, null), awaitCapacity(2));
        restart();
        Thread.sleep(1_500);
        assertEquals(2, capacities().size(), "closed once, not again after another restart: " + capacities());
        assertEquals(new Payload.CountState(Kind.NOOD, 4, false, 0, null), nood());
    }

    @Test
    void an_open_until_and_a_limit_are_in_the_birth_after_a_restart() throws Exception {
        node.openNood(3, UNTIL, "kiosk");
        hub.command(Command.of(new Command.SetCapacity(Kind.REGULAR, 2)));
        awaitCapacity(2);
        hub.command(Command.of(new Command.Rebirth()));
        await().atMost(WAIT).until(() -> hub.count("birth") >= 2);
        restart();
        Payload.Birth birth = (Payload.Birth) hub.distinct().stream().filter(m -> m.payload() instanceof Payload.Birth)
                .reduce((first, second) -> second).orElseThrow().payload();
        assertEquals(List.of(new Payload.CountState(Kind.NOOD, 3, true, 0, UNTIL)), birth.counts());
        assertEquals(List.of(true, true, false, false, true), birth.beds().stream().map(Payload.BedState::open).toList());
        assertThrows(OperationRefused.class, () -> node.checkIn("A3", TOKEN, null), "closed beds stay closed");
    }

    @Test
    void set_capacity_closes_free_beds_highest_code_first_and_an_occupied_one_once_it_is_free() throws Exception {
        node.checkIn("A3", TOKEN, null);
        hub.command(Command.of(new Command.SetCapacity(Kind.REGULAR, 0)));
        assertEquals(new Payload.Capacity(Kind.REGULAR, 1, true, "set_capacity", null, List.of("A1", "A2", "A4")),
                awaitCapacity(1));
        OperationRefused refused = assertThrows(OperationRefused.class, () -> node.checkIn("A1", TOKEN, null));
        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());

        node.checkOut("A3", TOKEN, null);
        assertEquals(new Payload.Capacity(Kind.REGULAR, 0, true, Capacities.FREED, null, List.of("A1", "A2", "A3", "A4")),
                awaitCapacity(2));
        assertTrue(node.state().beds().stream().filter(bed -> bed.kind() == Kind.REGULAR).noneMatch(Payload.BedState::open));

        hub.command(Command.of(new Command.SetCapacity(Kind.REGULAR, 2)));
        assertEquals(new Payload.Capacity(Kind.REGULAR, 2, true, "set_capacity", null, List.of("A3", "A4")), awaitCapacity(3));
        node.checkIn("A1", TOKEN, null);
        assertEquals(PlaceStatus.OCCUPIED, node.state().bed("A1").orElseThrow().status());
        hub.command(Command.of(new Command.SetCapacity(Kind.REGULAR, 3)));
        assertEquals(List.of("A4"), awaitCapacity(4).closed());
        assertTrue(node.state().bed("C1").orElseThrow().open(), "another kind is untouched");
    }

    @Test
    void set_capacity_of_a_count_kind_never_goes_below_the_guests_there_and_comes_down_as_they_leave() throws Exception {
        node.openNood(null, UNTIL, "kiosk");
        node.count(Kind.NOOD, 3);
        hub.command(Command.of(new Command.SetCapacity(Kind.NOOD, 1)));
        assertEquals(new Payload.Capacity(Kind.NOOD, 3, true, "set_capacity", UNTIL, null), awaitCapacity(2));
        node.count(Kind.NOOD, 2);
        assertEquals(2, awaitCapacity(3).capacity());
        node.count(Kind.NOOD, 0);
        assertEquals(1, awaitCapacity(4).capacity());
        assertEquals(new Payload.CountState(Kind.NOOD, 1, true, 0, UNTIL), nood());
        Thread.sleep(1_500);
        assertEquals(4, capacities().size(), "nothing more once at the limit: " + capacities());
        hub.command(Command.of(new Command.SetCapacity(Kind.NOOD, 10)));
        assertEquals(4, awaitCapacity(5).capacity(), "never more than configured");
    }

    @Test
    void nood_places_that_are_beds_open_lowest_code_first_and_close_at_their_end_but_never_under_a_guest() throws Exception {
        node.close();
        NodeConfig beds = NodeConfig.simulated(TestNodes.SITE, TestNodes.NODE, broker.url(), dir.resolve("nood-beds"),
                List.of(new NodeConfig.BedConfig("N1", Kind.NOOD), new NodeConfig.BedConfig("N2", Kind.NOOD),
                        new NodeConfig.BedConfig("N3", Kind.NOOD)), List.of());
        node = Node.start(beds, clock, LinkSettings.defaults());
        await().atMost(WAIT).until(() -> hub.count("birth") >= 2 && node.pendingCount() == 0);

        hub.command(Command.of(new Command.OpenNood(UNTIL, 2)));
        assertEquals(new Payload.Capacity(Kind.NOOD, 2, true, "open_nood", UNTIL, List.of("N3")), awaitCapacity(1));
        node.checkIn("N1", TOKEN, null);
        clock.advance(Duration.between(START, UNTIL));
        assertEquals(new Payload.Capacity(Kind.NOOD, 1, true, Capacities.UNTIL, null, List.of("N2", "N3")), awaitCapacity(2));
        assertThrows(OperationRefused.class, () -> node.checkIn("N2", TOKEN, null));
        node.checkOut("N1", TOKEN, null);
        assertEquals(new Payload.Capacity(Kind.NOOD, 0, true, Capacities.FREED, null, List.of("N1", "N2", "N3")),
                awaitCapacity(3));
    }

    @Test
    void staff_cannot_open_with_an_end_time_in_the_past_or_more_places_than_configured() {
        assertThrows(OperationRefused.class, () -> node.openNood(null, START.minusSeconds(60), "kiosk"));
        assertThrows(OperationRefused.class, () -> node.openNood(5, UNTIL, "kiosk"));
        assertFalse(nood().open());
        assertEquals(0, capacities().size());
    }
}
