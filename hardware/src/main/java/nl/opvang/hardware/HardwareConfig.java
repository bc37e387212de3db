package nl.opvang.hardware;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which parts a node has and where they are wired, validated at construction. Pins are BCM GPIO numbers. An empty
 * part is not fitted. Real or simulated is chosen here, by {@link Mode}, never by looking at the machine.
 *
 * @param mode       simulated parts or Pi4J on a Raspberry Pi
 * @param gpioDriver which Pi4J provider drives the GPIO pins in {@link Mode#PI4J}
 * @param buttons    the + and − buttons of a count-only panel
 * @param light      the status light's LEDs
 * @param display    the character display on its I²C backpack
 * @param reader     the pass reader
 * @param bedSensors per-bed occupancy switches: bed code → BCM pin
 * @param debounce   how long a contact must be quiet before an edge counts again
 */
public record HardwareConfig(
        Mode mode,
        GpioDriver gpioDriver,
        Optional<ButtonPins> buttons,
        Optional<LightPins> light,
        Optional<DisplaySpec> display,
        Optional<ReaderSpec> reader,
        Map<String, Integer> bedSensors,
        Duration debounce) {

    /** The pins the I²C bus 1 uses (SDA, SCL); no part may claim them while a display is fitted. */
    private static final Set<Integer> I2C_PINS = Set.of(2, 3);

    public HardwareConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(gpioDriver, "gpioDriver");
        Objects.requireNonNull(buttons, "buttons");
        Objects.requireNonNull(light, "light");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(reader, "reader");
        bedSensors = new TreeMap<>(Objects.requireNonNull(bedSensors, "bedSensors"));
        Objects.requireNonNull(debounce, "debounce");
        if (debounce.toMillis() < 1 || debounce.toMillis() > 500) {
            throw new IllegalArgumentException("debounce must be between 1 and 500 ms, was " + debounce.toMillis() + " ms");
        }
        List<Integer> pins = new ArrayList<>();
        buttons.ifPresent(b -> pins.addAll(List.of(b.plus(), b.minus())));
        light.ifPresent(l -> {
            pins.addAll(List.of(l.red(), l.green()));
            l.amber().ifPresent(pins::add);
        });
        bedSensors.forEach((bed, pin) -> {
            if (bed == null || bed.isBlank()) {
                throw new IllegalArgumentException("bedSensors: a bed code is blank");
            }
            pins.add(Objects.requireNonNull(pin, "bedSensors." + bed));
        });
        checkPins(pins, display.isPresent());
    }

    private static void checkPins(List<Integer> pins, boolean displayFitted) {
        Set<Integer> seen = new HashSet<>();
        for (int pin : pins) {
            if (pin < 2 || pin > 27) {
                throw new IllegalArgumentException("BCM pin " + pin + " is not a GPIO pin on the 40-pin header (2-27)");
            }
            if (displayFitted && I2C_PINS.contains(pin)) {
                throw new IllegalArgumentException("BCM pin " + pin + " is the display's I2C bus (SDA 2, SCL 3)");
            }
            if (!seen.add(pin)) {
                throw new IllegalArgumentException("BCM pin " + pin + " is used twice");
            }
        }
    }

    /** The count-only panel of the README's wiring table: + and − buttons, three LEDs, a 20×4 display. */
    public static HardwareConfig panel(Mode mode) {
        return new HardwareConfig(mode, GpioDriver.GPIOD,
                Optional.of(new ButtonPins(17, 27)),
                Optional.of(new LightPins(24, 22, OptionalInt.of(23))),
                Optional.of(new DisplaySpec(DisplaySize.LCD_20X4, 1, 0x27)),
                Optional.empty(), Map.of(), Duration.ofMillis(50));
    }

    /** A touchscreen kiosk: the status light and a USB keyboard-wedge pass reader at {@code readerDevice}. */
    public static HardwareConfig kiosk(Mode mode, Path readerDevice) {
        return new HardwareConfig(mode, GpioDriver.GPIOD, Optional.empty(),
                Optional.of(new LightPins(24, 22, OptionalInt.of(23))), Optional.empty(),
                Optional.of(new ReaderSpec(ReaderType.KEYBOARD_EVDEV, readerDevice)), Map.of(), Duration.ofMillis(50));
    }

    /** Simulated parts or real ones through Pi4J. */
    public enum Mode {
        SIMULATED,
        PI4J
    }

    /** The Pi4J provider family for GPIO: gpiod (the character device, preferred on Bookworm) or linuxfs (sysfs). */
    public enum GpioDriver {
        GPIOD,
        LINUXFS
    }

    /** BCM pins of the + and − buttons. */
    public record ButtonPins(int plus, int minus) {
    }

    /** BCM pins of the LEDs; without an amber LED, amber is red and green together. */
    public record LightPins(int red, int green, OptionalInt amber) {
        public LightPins {
            Objects.requireNonNull(amber, "amber");
        }
    }

    /** Sizes of HD44780 displays sold with a PCF8574 backpack. */
    public enum DisplaySize {
        LCD_16X2(16, 2),
        LCD_20X4(20, 4);

        private final int columns;
        private final int rows;

        DisplaySize(int columns, int rows) {
            this.columns = columns;
            this.rows = rows;
        }

        public int columns() {
            return columns;
        }

        public int rows() {
            return rows;
        }
    }

    /** A display on I²C {@code bus} (1 on a Pi) at 7-bit {@code address} (0x27 for most backpacks, 0x3F for some). */
    public record DisplaySpec(DisplaySize size, int bus, int address) {
        public DisplaySpec {
            Objects.requireNonNull(size, "size");
            if (bus < 0 || bus > 22) {
                throw new IllegalArgumentException("display.bus must be between 0 and 22, was " + bus);
            }
            if (address < 0x03 || address > 0x77) {
                throw new IllegalArgumentException("display.address must be a 7-bit address 0x03-0x77, was 0x"
                        + Integer.toHexString(address));
            }
        }
    }

    /** How passes are read. */
    public enum ReaderType {
        /** A USB keyboard-wedge reader read from its Linux input event device (/dev/input/event*). */
        KEYBOARD_EVDEV,
        /** A reader that types text lines: a tty, a serial port, or standard input when no device is given. */
        KEYBOARD_TEXT,
        /** A contactless reader through PC/SC ({@code javax.smartcardio}, needs pcscd). */
        PCSC
    }

    /**
     * The pass reader.
     *
     * @param type   how it is read
     * @param device the device file for the keyboard types; {@code null} for PC/SC, or for standard input
     */
    public record ReaderSpec(ReaderType type, Path device) {
        public ReaderSpec {
            Objects.requireNonNull(type, "reader.type");
            if (type == ReaderType.KEYBOARD_EVDEV && device == null) {
                throw new IllegalArgumentException("reader.device is required for KEYBOARD_EVDEV, e.g. /dev/input/by-id/...-event-kbd");
            }
        }
    }
}
