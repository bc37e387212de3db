package nl.opvang.hardware.pi4j;

import nl.opvang.hardware.Display;
import nl.opvang.hardware.DisplayText;
import nl.opvang.hardware.HardwareConfig.DisplaySize;

/**
 * An HD44780 character display driven in 4-bit mode through a PCF8574 I²C backpack. The backpack's port bits are
 * P0 = RS, P1 = R/W (kept low: we only write), P2 = E, P3 = backlight, P4–P7 = D4–D7. Every nibble is one write with
 * E high and one with E low: the display latches on the falling edge (HD44780 datasheet, figure 25).
 */
public final class Pcf8574Lcd implements Display {

    static final int REGISTER_SELECT = 0x01;
    static final int ENABLE = 0x04;
    static final int BACKLIGHT = 0x08;

    static final int CLEAR = 0x01;
    static final int ENTRY_MODE_INCREMENT = 0x06;
    static final int DISPLAY_ON_CURSOR_OFF = 0x0C;
    static final int FUNCTION_4BIT_2LINE_5X8 = 0x28;
    static final int SET_DDRAM_ADDRESS = 0x80;

    /** DDRAM address of each row's first character; rows 3 and 4 continue rows 1 and 2 in the controller. */
    private static final int[] ROW_START = {0x00, 0x40, 0x14, 0x54};

    private final I2cBus bus;
    private final DisplaySize size;
    private final Pause pause;

    private Pcf8574Lcd(I2cBus bus, DisplaySize size, Pause pause) {
        this.bus = bus;
        this.size = size;
        this.pause = pause;
    }

    /** Initialises the display (blank, backlight on) and returns it. */
    public static Pcf8574Lcd start(I2cBus bus, DisplaySize size, Pause pause) {
        Pcf8574Lcd lcd = new Pcf8574Lcd(bus, size, pause);
        lcd.initialise();
        return lcd;
    }

    /**
     * Initialisation by instruction (datasheet figure 24): three times "8-bit mode" so the controller is in a known
     * state whatever it was doing, then "4-bit mode", then the real settings.
     */
    private void initialise() {
        bus.write(BACKLIGHT);
        pause.micros(50_000);
        nibble(0x30);
        pause.micros(4_500);
        nibble(0x30);
        pause.micros(150);
        nibble(0x30);
        pause.micros(150);
        nibble(0x20);
        command(FUNCTION_4BIT_2LINE_5X8);
        command(DISPLAY_ON_CURSOR_OFF);
        command(CLEAR);
        pause.micros(2_000);
        command(ENTRY_MODE_INCREMENT);
    }

    /** Rewrites every row in place (no clear, so the display does not flicker). */
    @Override
    public synchronized void show(String... lines) {
        for (int row = 0; row < size.rows(); row++) {
            command(SET_DDRAM_ADDRESS | ROW_START[row]);
            String text = DisplayText.fit(row < lines.length ? lines[row] : "", size.columns());
            for (char c : text.toCharArray()) {
                write(c, REGISTER_SELECT);
            }
        }
    }

    @Override
    public int columns() {
        return size.columns();
    }

    @Override
    public int rows() {
        return size.rows();
    }

    private void command(int value) {
        write(value, 0);
    }

    private void write(int value, int mode) {
        nibble((value & 0xF0) | mode);
        nibble(((value << 4) & 0xF0) | mode);
    }

    private void nibble(int bits) {
        bus.write(bits | BACKLIGHT | ENABLE);
        pause.micros(1);
        bus.write(bits | BACKLIGHT);
        pause.micros(50);
    }
}
