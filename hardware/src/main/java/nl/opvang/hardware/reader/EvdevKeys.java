package nl.opvang.hardware.reader;

/** Linux key codes (linux/input-event-codes.h) a pass reader types, mapped to characters. */
final class EvdevKeys {

    /** Keys that type nothing (Shift, Num Lock): skipped. */
    static final char NONE = '\0';
    /** Any other key: noise that spoils the line. */
    static final char OTHER = '?';

    private static final int KEY_1 = 2;
    private static final int KEY_0 = 11;
    private static final int KEY_ENTER = 28;
    private static final int KEY_KPENTER = 96;
    private static final String KEYPAD = "789-456+1230";
    private static final int KEY_KP7 = 71;

    private EvdevKeys() {
    }

    static char charFor(int code) {
        if (code >= KEY_1 && code < KEY_0) {
            return (char) ('1' + code - KEY_1);
        }
        if (code == KEY_0) {
            return '0';
        }
        if (code == KEY_ENTER || code == KEY_KPENTER) {
            return '\n';
        }
        if (code >= KEY_KP7 && code < KEY_KP7 + KEYPAD.length()) {
            return KEYPAD.charAt(code - KEY_KP7);
        }
        switch (code) {
            case 29: // left ctrl
            case 42: // left shift
            case 54: // right shift
            case 56: // left alt
            case 58: // caps lock
            case 69: // num lock
            case 97: // right ctrl
            case 100: // right alt
                return NONE;
            default:
                return OTHER;
        }
    }
}
