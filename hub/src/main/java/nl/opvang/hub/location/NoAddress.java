package nl.opvang.hub.location;

import java.util.regex.Pattern;

/**
 * The check that keeps a secret location's address out of the hub (docs/DESIGN.md §5, issue 11): every piece of text
 * the hub keeps about a secret location (a desk name, the note beside a phone number, the hours, the location's display
 * name) must be short, made of letters and a few marks, and may carry digits only as times ({@code 09:00}, {@code
 * 24/7},
 * {@code 22 uur}). An address needs a house number or a postcode, so digits elsewhere are refused; so are the words
 * of an address without a number (a street name, "Postbus", "P.O. Box"). Strict on purpose: a desk name or hours need
 * no more, and a refusal tells the admin in Dutch what to change. Messages are Dutch (they reach the admin page).
 */
public final class NoAddress {
    /** Digits that are a time: 9:00, 09.30, 24/7, 22 uur. Everything else with a digit is refused. */
    private static final Pattern TIME = Pattern.compile(
            "(?<![0-9])(?:(?:[01]?[0-9]|2[0-4])[:.][0-5][0-9]|24/7|24 ?x ?7|(?:[01]?[0-9]|2[0-4]) ?uur)(?![0-9])",
            Pattern.CASE_INSENSITIVE);
    /** Letters, spaces and the marks of a name or of hours; no #, no @, no quotes beyond the apostrophe. */
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M} .,:;/()&'’+-]*");
    /** The words of an address: a street by its common endings, a box number's name, the word "address" itself. */
    private static final Pattern ADDRESS_WORD = Pattern.compile("(?iu)(?<![\\p{L}])(?:\\p{L}*(?:straat|laan|weg|plein"
            + "|gracht|kade|singel|dijk|dreef|steeg|pad|hof|markt|burgwal|haven|plantsoen|boulevard|allee|park|erf|wal)"
            + "|str\\.?|postbus|antwoordnummer|postadres|bezoekadres|adres|huisnummer|postcode|p\\.? ?o\\.? ?box|pobox"
            + "|box|bus)(?![\\p{L}])");

    private NoAddress() {
    }

    /**
     * Checks one piece of text; returns it stripped, or throws {@link IllegalArgumentException} with a Dutch message
     * naming {@code what} (e.g. "De naam van de balie").
     */
    public static String check(String what, String text, int maxLength) {
        String value = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " is langer dan " + maxLength + " tekens");
        }
        if (ADDRESS_WORD.matcher(value).find()) {
            // The word is not repeated: it may be part of the very address that must not travel further.
            throw new IllegalArgumentException(what + " lijkt een adres. De centrale bewaart geen adres van een geheime"
                    + " locatie: alleen telefoonnummers, een balie en tijden");
        }
        String withoutTimes = TIME.matcher(value).replaceAll("");
        if (withoutTimes.chars().anyMatch(Character::isDigit)) {
            throw new IllegalArgumentException(what + " bevat cijfers die geen tijd zijn; dat kan een huisnummer of"
                    + " postcode zijn. Alleen tijden mogen (09:00-17:00, 24/7, 22 uur); telefoonnummers apart");
        }
        if (!ALLOWED.matcher(withoutTimes).matches()) {
            throw new IllegalArgumentException(what + " bevat tekens die hier niet horen; gebruik letters, spaties"
                    + " en - . , / ( ) : &");
        }
        return value;
    }

    /** Whether {@code text} passes {@link #check}; for reading back what was stored under older rules. */
    public static boolean passes(String text, int maxLength) {
        try {
            check("", text, maxLength);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
