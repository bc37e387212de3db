package nl.opvang.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import nl.opvang.hardware.HardwareConfig.ButtonPins;
import nl.opvang.hardware.HardwareConfig.DisplaySize;
import nl.opvang.hardware.HardwareConfig.DisplaySpec;
import nl.opvang.hardware.HardwareConfig.GpioDriver;
import nl.opvang.hardware.HardwareConfig.LightPins;
import nl.opvang.hardware.HardwareConfig.Mode;
import nl.opvang.hardware.HardwareConfig.ReaderSpec;
import nl.opvang.hardware.HardwareConfig.ReaderType;
import org.junit.jupiter.api.Test;

class HardwareConfigTest {

    private static final Optional<DisplaySpec> DISPLAY = Optional.of(new DisplaySpec(DisplaySize.LCD_16X2, 1, 0x27));

    @Test
    void a_pin_used_twice_is_refused_with_its_number() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> config(
                Optional.of(new ButtonPins(17, 27)), Optional.of(new LightPins(17, 22, OptionalInt.empty())), Map.of()));

        assertEquals("BCM pin 17 is used twice", failure.getMessage());
    }

    @Test
    void the_i2c_pins_are_refused_while_a_display_is_fitted() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> config(Optional.empty(), Optional.empty(), Map.of("W3-B12", 3)));

        assertEquals("BCM pin 3 is the display's I2C bus (SDA 2, SCL 3)", failure.getMessage());
    }

    @Test
    void a_pin_off_the_header_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> config(Optional.of(new ButtonPins(17, 40)), Optional.empty(), Map.of()));
    }

    @Test
    void a_display_address_outside_7_bits_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new DisplaySpec(DisplaySize.LCD_20X4, 1, 0x80));
    }

    @Test
    void an_evdev_reader_needs_a_device() {
        assertThrows(IllegalArgumentException.class, () -> new ReaderSpec(ReaderType.KEYBOARD_EVDEV, null));
        assertEquals(Path.of("/dev/input/event0"), new ReaderSpec(ReaderType.KEYBOARD_EVDEV, Path.of("/dev/input/event0")).device());
    }

    @Test
    void the_panel_defaults_match_the_readme_wiring_table() {
        HardwareConfig panel = HardwareConfig.panel(Mode.PI4J);

        assertEquals(new ButtonPins(17, 27), panel.buttons().orElseThrow());
        assertEquals(new LightPins(24, 22, OptionalInt.of(23)), panel.light().orElseThrow());
        assertEquals(new DisplaySpec(DisplaySize.LCD_20X4, 1, 0x27), panel.display().orElseThrow());
    }

    private static HardwareConfig config(Optional<ButtonPins> buttons, Optional<LightPins> light, Map<String, Integer> beds) {
        return new HardwareConfig(Mode.SIMULATED, GpioDriver.GPIOD, buttons, light, DISPLAY, Optional.empty(), beds,
                Duration.ofMillis(50));
    }
}
