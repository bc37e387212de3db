package nl.opvang.hardware;

import java.text.Normalizer;

/**
 * Makes Dutch text fit a character display whose ROM (HD44780 A00) has plain ASCII letters only. Accents are dropped
 * (é → e, ë → e), ligatures and symbols spelled out (ĳ → ij, € → EUR), and what is left over becomes {@code ?}.
 */
public final class DisplayText {

    private DisplayText() {
    }

    /** The transliterated text, cut to {@code width} and padded with spaces to exactly {@code width}. */
    public static String fit(String text, int width) {
        String plain = transliterate(text == null ? "" : text);
        if (plain.length() > width) {
            return plain.substring(0, width);
        }
        return plain + " ".repeat(width - plain.length());
    }

    /** The text in the characters the display can draw. */
    public static String transliterate(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : Normalizer.normalize(spellOut(text), Normalizer.Form.NFD).toCharArray()) {
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            out.append(drawable(c));
        }
        return out.toString();
    }

    private static String spellOut(String text) {
        return text.replace("ĳ", "ij").replace("Ĳ", "IJ").replace("€", "EUR").replace("ß", "ss")
                .replace("æ", "ae").replace("Æ", "AE").replace("œ", "oe").replace("Œ", "OE").replace("…", "...");
    }

    private static char drawable(char c) {
        switch (c) {
            case '\u2013':
            case '\u2014':
            case '\u00b7':
            case '~':
                return '-';
            case '\u2018':
            case '\u2019':
                return '\'';
            case '\u201c':
            case '\u201d':
                return '"';
            case '\\':
                // The A00 ROM draws a yen sign here.
                return '/';
            case '\u00f8':
                return 'o';
            case '\u00d8':
                return 'O';
            default:
                break;
        }
        if (c == '\t' || c == '\n' || c == '\r' || c == '\u00a0') {
            return ' ';
        }
        return c >= 0x20 && c < 0x7f ? c : '?';
    }
}
