package nl.opvang.device.panel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.kiosk.Dutch;
import nl.opvang.device.node.Node;
import nl.opvang.hardware.Hardware;
import nl.opvang.hardware.HardwareConfig;
import nl.opvang.hardware.HardwareFactory;
import nl.opvang.hardware.LightState;
import nl.opvang.hardware.sim.SimulatedButton;
import nl.opvang.hardware.sim.SimulatedDisplay;
import nl.opvang.hardware.sim.SimulatedStatusLight;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The noodbedden panel on simulated parts, with a real node on embedded Moquette and a peer playing the hub. */
class PanelTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private LocalBroker broker;
    private AckingHub hub;
    private Node node;
    private Hardware hardware;
    private Panel panel;

    private void start(int capacity, boolean open) throws Exception {
        broker = new LocalBroker();
        hub = new AckingHub(broker.url(), "nood", "nood-1");
        NodeConfig config = NodeConfig.simulated("nood", "nood-1", broker.url(), dir.resolve("node"), List.of(),
                List.of(new NodeConfig.CountConfig(Kind.NOOD, capacity, open)));
        node = Node.start(config, Clock.systemUTC());
        hardware = HardwareFactory.build(HardwareConfig.panel(HardwareConfig.Mode.SIMULATED));
        panel = Panel.start(node, hardware, Kind.NOOD);
        await().atMost(WAIT).until(() -> light() == LightState.GREEN || light() == LightState.RED);
    }

    @AfterEach
    void stop() {
        if (panel != null) {
            panel.close();
        }
        if (node != null) {
            node.close();
        }
        if (hardware != null) {
            hardware.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private SimulatedButton plus() {
        return (SimulatedButton) hardware.plusButton().orElseThrow();
    }

    private SimulatedButton minus() {
        return (SimulatedButton) hardware.minusButton().orElseThrow();
    }

    private List<String> lines() {
        return ((SimulatedDisplay) hardware.display().orElseThrow()).lines().stream().map(String::strip).toList();
    }

    private LightState light() {
        return ((SimulatedStatusLight) hardware.statusLight().orElseThrow()).state();
    }

    private int occupied() {
        return node.state().count(Kind.NOOD).orElseThrow().occupied();
    }

    @Test
    void with_hub_contact_and_free_places_the_display_shows_them_and_the_light_is_green() throws Exception {
        start(4, true);
        await().atMost(WAIT).until(() -> lines().equals(List.of("Noodbedden vrij: 4", "Verbonden", "", "Bezet: 0 van 4")));
        assertEquals(LightState.GREEN, light());
    }

    @Test
    void plus_and_minus_change_the_count_and_each_press_publishes_a_count_event() throws Exception {
        start(4, true);
        plus().press();
        plus().press();
        plus().press();
        minus().press();

        await().atMost(WAIT).until(() -> hub.counts().equals(List.of(1, 2, 3, 2)));
        assertEquals(2, occupied());
        await().atMost(WAIT).until(() -> lines().get(0).equals("Noodbedden vrij: 2"));
        assertEquals("Bezet: 2 van 4", lines().get(3));
    }

    @Test
    void a_fast_double_press_counts_twice() throws Exception {
        start(4, true);
        plus().press();
        plus().press();

        await().atMost(WAIT).until(() -> hub.counts().equals(List.of(1, 2)));
        assertEquals(2, occupied());
    }

    @Test
    void a_full_kind_turns_the_light_red_and_a_further_press_is_refused_with_a_message() throws Exception {
        start(2, true);
        plus().press();
        plus().press();
        plus().press();

        await().atMost(WAIT).until(() -> light() == LightState.RED);
        await().atMost(WAIT).until(() -> lines().get(3).equals("Vol: geen plek meer"));
        assertEquals("Noodbedden vrij: 0", lines().get(0));
        assertEquals(2, occupied());
        await().atMost(WAIT).until(() -> hub.counts().equals(List.of(1, 2)));
    }

    @Test
    void minus_at_zero_asks_to_close_and_plus_answers_no_so_nothing_is_recorded() throws Exception {
        start(4, true);
        minus().press();

        await().atMost(WAIT).until(() -> lines().get(3).equals("Sluiten? - ja + nee"));
        plus().press();
        await().atMost(WAIT).until(() -> lines().get(3).equals("Niets veranderd"));
        assertEquals(0, occupied());
        assertEquals(0, node.pendingCount());
        assertEquals(List.of(), hub.counts());
        assertTrue(node.state().count(Kind.NOOD).orElseThrow().open());
    }

    @Test
    void the_message_goes_away_after_a_few_seconds() throws Exception {
        start(4, true);
        minus().press();
        plus().press();
        await().atMost(WAIT).until(() -> lines().get(3).equals("Niets veranderd"));

        await().atMost(Panel.MESSAGE_TIME.plusSeconds(3)).until(() -> lines().get(3).equals("Bezet: 0 van 4"));
    }

    @Test
    void closed_noodbedden_show_gesloten_in_red_and_plus_asks_to_open_them() throws Exception {
        start(4, false);
        plus().press();

        await().atMost(WAIT).until(() -> lines().get(3).equals("Openen? + ja - nee"));
        assertEquals("Noodbedden gesloten", lines().get(0));
        assertEquals(LightState.RED, light());
        assertEquals(0, occupied());
        minus().press();
        await().atMost(WAIT).until(() -> lines().get(3).equals("Niets veranderd"));
        assertFalse(node.state().count(Kind.NOOD).orElseThrow().open());
    }

    @Test
    void plus_twice_opens_the_noodbedden_until_tomorrow_noon_and_minus_twice_closes_them() throws Exception {
        start(4, false);
        plus().press();
        await().atMost(WAIT).until(() -> lines().get(3).equals("Openen? + ja - nee"));
        plus().press();

        Instant until = Dutch.defaultNoodUntil(Instant.now());
        await().atMost(WAIT).until(() -> lines().get(0).equals("Noodbedden vrij: 4"));
        String weekday = Dutch.dayTime(until).substring(0, 2);
        assertEquals("Open tot " + weekday + " 12:00", lines().get(3), "the end, as much as fits 20 columns");
        assertEquals(new Payload.CountState(Kind.NOOD, 4, true, 0, until), node.state().count(Kind.NOOD).orElseThrow());
        await().atMost(WAIT).until(() -> hub.capacities().size() == 1);
        assertEquals(new Payload.Capacity(Kind.NOOD, 4, true, "panel", until, null), hub.capacities().get(0));
        await().atMost(WAIT).until(() -> lines().get(2).equals("Tot " + Dutch.dayTime(until)));
        assertEquals(LightState.GREEN, light());
        assertEquals(List.of(), hub.counts(), "the answer is no count");

        minus().press();
        await().atMost(WAIT).until(() -> lines().get(3).equals("Sluiten? - ja + nee"));
        minus().press();
        await().atMost(WAIT).until(() -> lines().get(0).equals("Noodbedden gesloten"));
        assertEquals("Noodbedden dicht", lines().get(3));
        await().atMost(WAIT).until(() -> hub.capacities().size() == 2);
        assertFalse(hub.capacities().get(1).open());
    }

    @Test
    void closing_noodbedden_take_nobody_new_and_close_when_the_last_guest_leaves() throws Exception {
        start(4, false);
        node.openNood(null, Dutch.defaultNoodUntil(Instant.now()), "kiosk");
        plus().press();
        await().atMost(WAIT).until(() -> occupied() == 1);
        node.closeNood("kiosk");
        await().atMost(WAIT).until(() -> lines().get(2).equals("Sluit zodra vrij"));
        assertEquals("Noodbedden vrij: 0", lines().get(0));
        plus().press();
        await().atMost(WAIT).until(() -> lines().get(3).equals("Sluit zodra vrij"));
        assertEquals(1, occupied());

        minus().press();
        await().atMost(WAIT).until(() -> lines().get(0).equals("Noodbedden gesloten"));
        assertEquals(0, occupied());
    }

    @Test
    void without_the_broker_the_light_is_amber_and_presses_wait_in_the_outbox() throws Exception {
        start(4, true);
        broker.close();
        await().atMost(WAIT).until(() -> light() == LightState.AMBER);
        assertEquals("Geen verbinding", lines().get(1));

        plus().press();
        plus().press();

        await().atMost(WAIT).until(() -> lines().get(2).equals("2 wachtend"));
        assertEquals("Noodbedden vrij: 2", lines().get(0));
        assertEquals(LightState.AMBER, light());
        assertEquals(2, occupied());
    }

    @Test
    void amber_wins_over_red_when_full_and_without_hub_contact() throws Exception {
        start(1, true);
        plus().press();
        await().atMost(WAIT).until(() -> light() == LightState.RED);

        broker.close();

        await().atMost(WAIT).until(() -> light() == LightState.AMBER);
        assertEquals("Noodbedden vrij: 0", lines().get(0));
    }
}
