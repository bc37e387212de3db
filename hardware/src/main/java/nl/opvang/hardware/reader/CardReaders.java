package nl.opvang.hardware.reader;

import java.time.Duration;
import nl.opvang.hardware.Hardware;
import nl.opvang.hardware.HardwareConfig.ReaderSpec;

/** Starts the real reader a config asks for. */
public final class CardReaders {

    private CardReaders() {
    }

    /** Starts the reader and adds it to {@code parts}, which closes it. A missing device is a status, not an error. */
    public static void fit(ReaderSpec spec, Hardware.Builder parts) {
        switch (spec.type()) {
            case KEYBOARD_EVDEV:
                KeyboardWedgeReader evdev = KeyboardWedgeReader.evdev(spec.device()).start();
                parts.cardReader(evdev).closeWith(evdev);
                break;
            case KEYBOARD_TEXT:
                KeyboardWedgeReader text = (spec.device() == null
                        ? KeyboardWedgeReader.standardInput() : KeyboardWedgeReader.text(spec.device())).start();
                parts.cardReader(text).closeWith(text);
                break;
            case PCSC:
                PcscCardReader pcsc = new PcscCardReader(Duration.ofSeconds(2)).start();
                parts.cardReader(pcsc).closeWith(pcsc);
                break;
            default:
                throw new IllegalArgumentException("unknown reader type " + spec.type());
        }
    }
}
