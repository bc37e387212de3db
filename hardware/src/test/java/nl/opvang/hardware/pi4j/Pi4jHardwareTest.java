package nl.opvang.hardware.pi4j;

import static com.pi4j.io.gpio.digital.DigitalState.HIGH;
import static com.pi4j.io.gpio.digital.DigitalState.LOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import nl.opvang.hardware.Hardware;
import nl.opvang.hardware.HardwareConfig;
import nl.opvang.hardware.HardwareConfig.Mode;
import nl.opvang.hardware.HardwareException;
import nl.opvang.hardware.LightState;
import nl.opvang.hardware.ManualTicker;
import org.junit.jupiter.api.Test;

class Pi4jHardwareTest {

    private final ManualTicker clock = new ManualTicker();
    private final HardwareConfig panel = HardwareConfig.panel(Mode.PI4J);
    private final HardwareConfig panelWithBeds = new HardwareConfig(Mode.PI4J, panel.gpioDriver(), panel.buttons(),
            panel.light(), panel.display(), Optional.empty(), Map.of("W3-B12", 5, "W3-B13", 6), panel.debounce());

    @Test
    void a_panel_gets_its_buttons_light_display_and_bed_sensors_on_the_configured_pins() {
        Context context = MockPi.context();
        try (Hardware hardware = Pi4jHardware.build(panelWithBeds, context, MockPi.PROVIDERS, clock, micros -> { })) {
            AtomicInteger plus = new AtomicInteger();
            AtomicInteger minus = new AtomicInteger();
            hardware.plusButton().orElseThrow().onPress(plus::incrementAndGet);
            hardware.minusButton().orElseThrow().onPress(minus::incrementAndGet);

            MockPi.set(context, "button-plus", HIGH);
            clock.advance(Duration.ofSeconds(1));
            MockPi.set(context, "button-plus", LOW);
            hardware.statusLight().orElseThrow().show(LightState.RED);
            MockPi.set(context, "bed-W3-B12", LOW);

            assertEquals(1, plus.get());
            assertEquals(0, minus.get());
            assertTrue(context.io("led-red", DigitalOutput.class).isHigh(), "red LED on BCM 24");
            assertEquals(24, context.io("led-red", DigitalOutput.class).address());
            assertEquals(20, hardware.display().orElseThrow().columns());
            assertTrue(hardware.bedSensors().get("W3-B12").occupied());
            assertEquals(2, hardware.bedSensors().size());
            assertTrue(hardware.cardReader().isEmpty(), "no reader configured");
        }
        assertTrue(context.isShutdown(), "closing the parts shuts the Pi4J context down");
    }

    @Test
    void a_part_that_cannot_be_opened_is_named_and_the_context_is_shut_down() {
        Context context = MockPi.context();
        Pi4jProviders noI2c = new Pi4jProviders(MockPi.PROVIDERS.digitalInput(), MockPi.PROVIDERS.digitalOutput(), "no-such-i2c");

        HardwareException failure = assertThrows(HardwareException.class,
                () -> Pi4jHardware.build(panel, context, noI2c, clock, micros -> { }));

        assertTrue(failure.getMessage().startsWith("Display on I2C bus 1 address 0x27"), failure.getMessage());
        assertTrue(context.isShutdown());
    }

    @Test
    void pi4j_mode_off_a_pi_fails_naming_the_first_part_and_pointing_at_the_readme() {
        HardwareException failure = assertThrows(HardwareException.class, () -> Pi4jHardware.start(panel).close());

        assertTrue(failure.getMessage().startsWith("button-plus on BCM 17 could not be opened"), failure.getMessage());
        assertTrue(failure.getMessage().contains("hardware/README.md"), failure.getMessage());
    }
}
