package nl.opvang.hardware.pi4j;

import java.util.Arrays;
import java.util.List;

/**
 * The display side of the PCF8574 wire, for tests: latches a nibble on each falling edge of E, assembles bytes in
 * 4-bit mode, and keeps DDRAM, so a test can read back what a real display would show.
 */
final class Hd44780Model {

    private final char[] ddram = new char[0x80];
    private boolean fourBitMode;
    private boolean enable;
    private Integer highNibble;
    private int address;
    private int backlightWrites;

    Hd44780Model() {
        Arrays.fill(ddram, ' ');
    }

    void feed(List<Integer> writes) {
        writes.forEach(this::write);
    }

    private void write(int port) {
        boolean nowEnable = (port & Pcf8574Lcd.ENABLE) != 0;
        if ((port & Pcf8574Lcd.BACKLIGHT) != 0) {
            backlightWrites++;
        }
        if (enable && !nowEnable) {
            latch(port >> 4 & 0x0F, (port & Pcf8574Lcd.REGISTER_SELECT) != 0);
        }
        enable = nowEnable;
    }

    private void latch(int nibble, boolean data) {
        if (!fourBitMode) {
            // In 8-bit mode only D7-D4 are wired: the "function set" instruction is all that arrives.
            if (nibble == 0x2) {
                fourBitMode = true;
            }
            return;
        }
        if (highNibble == null) {
            highNibble = nibble;
            return;
        }
        int value = highNibble << 4 | nibble;
        highNibble = null;
        if (data) {
            ddram[address] = (char) value;
            address = (address + 1) & 0x7F;
        } else if ((value & 0x80) != 0) {
            address = value & 0x7F;
        } else if (value == Pcf8574Lcd.CLEAR) {
            Arrays.fill(ddram, ' ');
            address = 0;
        }
    }

    String row(int row, int columns) {
        int start = new int[] {0x00, 0x40, 0x14, 0x54}[row];
        return new String(ddram, start, columns);
    }

    boolean fourBitMode() {
        return fourBitMode;
    }

    int backlightWrites() {
        return backlightWrites;
    }
}
