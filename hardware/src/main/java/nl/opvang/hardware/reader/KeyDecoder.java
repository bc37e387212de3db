package nl.opvang.hardware.reader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** How key presses arrive from the device: as text, or as Linux input events. */
public enum KeyDecoder {

    /** Bytes of text (a tty, a serial port, standard input). */
    TEXT {
        @Override
        int next(InputStream in) throws IOException {
            return in.read();
        }
    },

    /**
     * Linux {@code struct input_event} records from /dev/input/event*: 24 bytes on a 64-bit kernel (timeval 16, type 2,
     * code 2, value 4, little-endian). Only key presses (EV_KEY, value 1) count; releases and auto-repeat are skipped.
     */
    EVDEV {
        @Override
        int next(InputStream in) throws IOException {
            while (true) {
                byte[] event = in.readNBytes(EVENT_BYTES);
                if (event.length < EVENT_BYTES) {
                    return -1;
                }
                ByteBuffer buffer = ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN);
                int type = buffer.getShort(16) & 0xffff;
                int code = buffer.getShort(18) & 0xffff;
                int value = buffer.getInt(20);
                if (type == EV_KEY && value == KEY_PRESSED) {
                    char c = EvdevKeys.charFor(code);
                    if (c != EvdevKeys.NONE) {
                        return c;
                    }
                }
            }
        }
    };

    static final int EVENT_BYTES = 24;
    static final int EV_KEY = 1;
    static final int KEY_PRESSED = 1;

    /** The next character typed, or -1 at the end of the stream. */
    abstract int next(InputStream in) throws IOException;
}
