package nl.opvang.hub.location;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phone number and a short note beside it ("088 000 0200", "24/7"): kept apart so that a {@code tel:} link can be
 * built from the number, and so that the note is checked like every other text about a secret location
 * ({@link NoAddress}). The number is strict: a Dutch number (ten digits from 0, or +31 and nine), an 0800/0900
 * service number, or an international number from {@code +}; spaces and hyphens as written are kept for display.
 *
 * @param number as written, e.g. {@code 088 000 0200}
 * @param note   what the number is for or when, e.g. {@code 24/7}; {@code null} when none
 */
public record Phone(String number, String note) {
    public static final int MAX_NOTE = 40;
    private static final Pattern WRITTEN = Pattern.compile("\\+?[0-9][0-9 -]{5,22}[0-9]");
    private static final Pattern DUTCH = Pattern.compile("0[1-9][0-9]{8}");
    private static final Pattern SERVICE = Pattern.compile("0[89]0[0-9]([0-9]{4}|[0-9]{7})");
    private static final Pattern INTERNATIONAL = Pattern.compile("\\+[1-9][0-9]{7,14}");
    /** The region file's form: the number, then optionally the note in brackets. */
    private static final Pattern LINE = Pattern.compile("([^()]+?)\\s*(?:\\((.*)\\))?");

    /** Checks both parts; {@link IllegalArgumentException} with a Dutch message when either is not right. */
    public Phone {
        String written = number == null ? "" : number.strip();
        if (!WRITTEN.matcher(written).matches() || !valid(digits(written))) {
            // The text is not repeated: it may be the very address that must not travel further.
            throw new IllegalArgumentException("Dit is geen telefoonnummer. Schrijf alleen het nummer, zoals"
                    + " 088 000 0200 of +31 88 000 0200; wat erbij hoort (24/7) gaat in de notitie");
        }
        number = written;
        note = note == null || note.isBlank() ? null : NoAddress.check("De notitie bij " + written, note, MAX_NOTE);
    }

    /** Reads the region file's form, {@code 088 000 0200 (24/7)}. */
    public static Phone parse(String text) {
        Matcher line = LINE.matcher(text == null ? "" : text.strip());
        if (!line.matches()) {
            throw new IllegalArgumentException("schrijf het nummer, en eventueel een notitie tussen haakjes:"
                    + " 088 000 0200 (24/7)");
        }
        return new Phone(line.group(1), line.group(2));
    }

    /**
     * The number of a phone as the region file writes it, digits and a leading {@code +} only, for a {@code tel:} link
     * ({@code 088 000 0200 (24/7)} → {@code 0880000200}); {@code null} when the text is no phone number.
     */
    public static String dialled(String text) {
        Phone phone = lenient(text);
        return phone == null ? null : digits(phone.number());
    }

    /** The note of a phone as the region file writes it ({@code 24/7}); {@code null} when it has none. */
    public static String noteOf(String text) {
        Phone phone = lenient(text);
        return phone == null ? null : phone.note();
    }

    private static Phone lenient(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The {@code tel:} address: {@code tel:+31880000200}. */
    public String tel() {
        String digits = digits(number);
        if (digits.startsWith("+")) {
            return "tel:" + digits;
        }
        return "tel:+31" + digits.substring(1);
    }

    /** As shown and as the region file writes it: {@code 088 000 0200 (24/7)}. */
    public String display() {
        return note == null ? number : number + " (" + note + ")";
    }

    private static boolean valid(String digits) {
        if (digits.startsWith("+31")) {
            return DUTCH.matcher("0" + digits.substring(3)).matches() || SERVICE.matcher("0" + digits.substring(3)).matches();
        }
        if (digits.startsWith("+")) {
            return INTERNATIONAL.matcher(digits).matches();
        }
        return DUTCH.matcher(digits).matches() || SERVICE.matcher(digits).matches();
    }

    private static String digits(String written) {
        return written.replaceAll("[ -]", "");
    }
}
