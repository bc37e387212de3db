package nl.opvang.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import nl.opvang.hardware.Hardware;
import nl.opvang.hardware.HardwareConfig;
import nl.opvang.hardware.HardwareConfig.DisplaySize;
import nl.opvang.hardware.HardwareConfig.Mode;
import nl.opvang.hardware.HardwareFactory;
import nl.opvang.hardware.LightState;
import nl.opvang.hardware.ReaderStatus;
import org.junit.jupiter.api.Test;

class SimulatedPartsTest {

    @Test
    void each_press_of_a_simulated_button_is_one_press() {
        SimulatedButton button = new SimulatedButton();
        AtomicInteger presses = new AtomicInteger();
        button.onPress(presses::incrementAndGet);

        button.press();
        button.press();

        assertEquals(2, presses.get());
    }

    @Test
    void the_simulated_light_starts_off_and_shows_the_last_state() {
        SimulatedStatusLight light = new SimulatedStatusLight();
        assertEquals(LightState.OFF, light.state());

        light.show(LightState.AMBER);

        assertEquals(LightState.AMBER, light.state());
    }

    @Test
    void the_simulated_display_fits_its_rows_like_the_real_one() {
        SimulatedDisplay display = new SimulatedDisplay(DisplaySize.LCD_16X2);

        display.show("Geen kaartlezer gevonden", "één", "third line is dropped");

        assertEquals(List.of("Geen kaartlezer ", "een             "), display.lines());
    }

    @Test
    void a_simulated_pass_reaches_the_listeners_only_while_the_reader_is_ready() {
        SimulatedCardReader reader = new SimulatedCardReader();
        List<String> cards = new CopyOnWriteArrayList<>();
        List<ReaderStatus> statuses = new CopyOnWriteArrayList<>();
        reader.onCard(cards::add);
        reader.onStatus(statuses::add);

        assertTrue(reader.present("12345678"));
        reader.status(ReaderStatus.MISSING);
        assertFalse(reader.present("87654321"));

        assertEquals(List.of("12345678"), cards);
        assertEquals(List.of(ReaderStatus.MISSING), statuses);
    }

    @Test
    void the_simulated_bed_sensor_reports_changes_only_like_the_real_one() {
        SimulatedBedSensor sensor = new SimulatedBedSensor();
        List<Boolean> heard = new CopyOnWriteArrayList<>();
        sensor.onChange(heard::add);

        sensor.set(true);
        sensor.set(true);
        sensor.set(false);

        assertEquals(List.of(true, false), heard);
        assertFalse(sensor.occupied());
    }

    @Test
    void simulated_mode_builds_simulated_parts_for_what_the_config_fits() {
        HardwareConfig panel = HardwareConfig.panel(Mode.SIMULATED);
        HardwareConfig config = new HardwareConfig(Mode.SIMULATED, panel.gpioDriver(), panel.buttons(), panel.light(),
                panel.display(), Optional.empty(), Map.of("W3-B12", 5), panel.debounce());

        try (Hardware hardware = HardwareFactory.build(config)) {
            AtomicInteger plus = new AtomicInteger();
            hardware.plusButton().orElseThrow().onPress(plus::incrementAndGet);
            hardware.plusButton().map(SimulatedButton.class::cast).orElseThrow().press();
            hardware.display().orElseThrow().show("opvang OK");

            assertEquals(1, plus.get());
            assertEquals("opvang OK           ", hardware.display().map(SimulatedDisplay.class::cast).orElseThrow().lines().get(0));
            assertTrue(hardware.statusLight().orElseThrow() instanceof SimulatedStatusLight);
            assertTrue(hardware.bedSensors().get("W3-B12") instanceof SimulatedBedSensor);
            assertTrue(hardware.cardReader().isEmpty());
        }
    }

    @Test
    void a_simulated_kiosk_has_a_light_and_a_ready_reader_but_no_buttons() {
        try (Hardware hardware = HardwareFactory.build(HardwareConfig.kiosk(Mode.SIMULATED, Path.of("/dev/null")))) {
            assertEquals(ReaderStatus.READY, hardware.cardReader().orElseThrow().status());
            assertTrue(hardware.plusButton().isEmpty());
            assertTrue(hardware.display().isEmpty());
            assertTrue(hardware.statusLight().isPresent());
        }
    }
}
