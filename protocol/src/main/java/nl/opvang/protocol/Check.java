package nl.opvang.protocol;

/** Field checks shared by the message records' compact constructors. Each failure names the field. */
public final class Check {
    private static final String HEX = "0-9a-fA-F";
    /** Site and node codes: opaque, lower case, never a street or a name (docs/DESIGN.md §3). */
    public static final Format CODE = Format.builder().run("a-z0-9", 1, 1).run("a-z0-9-", 0, 31).build();
    /** Bed codes as printed on the bed, e.g. {@code A12} or {@code T5}. */
    public static final Format BED = Format.builder().run("A-Za-z0-9", 1, 1).run("A-Za-z0-9._-", 0, 15).build();
    /** A session names a node's local database: a UUID or similar opaque string. */
    public static final Format SESSION = Format.builder().run("A-Za-z0-9-", 8, 64).build();
    /** A pseudonymous token: key id, colon, keyed HMAC in base64. Never a card number or a name. */
    public static final Format TOKEN = Format.builder().run("a-z0-9", 1, 8).literal(":").run("A-Za-z0-9+/=_-", 8, 128)
            .build();
    /** Origin: a CBS municipality code (four digits), {@code passant} or {@code unknown}. */
    public static final Format ORIGIN = Format.builder().choice(Format.builder().run("0-9", 4, 4).build(),
            Format.oneOf("passant"), Format.oneOf("unknown")).build();
    /** Short category words such as a destination or a refusal reason code. */
    public static final Format CATEGORY = Format.builder().run("a-z", 1, 1).run("a-z0-9_-", 0, 31).build();
    /** A UUID in its 36-character text form; {@code UUID.fromString} alone also takes odd forms such as {@code +0-0-0-0-0}. */
    public static final Format UUID = Format.builder().run(HEX, 8, 8).literal("-").run(HEX, 4, 4).literal("-")
            .run(HEX, 4, 4).literal("-").run(HEX, 4, 4).literal("-").run(HEX, 12, 12).build();
    /**
     * A moment as the contract reads it: seconds required, up to 9 decimals, then a capital Z or an offset such as
     * {@code +01:00} (a node on local time is normalised to UTC, never refused: docs/DESIGN.md §3). Encoders write UTC
     * with Z.
     */
    public static final Format TIME = Format.builder().run("0-9", 4, 4).literal("-").run("0-9", 2, 2).literal("-")
            .run("0-9", 2, 2).literal("T").run("0-9", 2, 2).literal(":").run("0-9", 2, 2).literal(":").run("0-9", 2, 2)
            .optional(Format.builder().literal(".").run("0-9", 1, 9).build())
            .choice(Format.oneOf("Z"), Format.builder().run("+-", 1, 1).run("0-9", 2, 2).literal(":").run("0-9", 2, 2)
                    .build()).build();
    /** Free text written by people (instructions, reasons): bounded, no control characters but newlines. */
    public static final int MAX_TEXT = 1000;

    private Check() {
    }

    public static String code(String field, String value) {
        return matches(field, value, CODE);
    }

    public static String bed(String field, String value) {
        return matches(field, value, BED);
    }

    public static String matches(String field, String value, Format format) {
        if (value == null) {
            throw ProtocolException.missing(field);
        }
        if (!format.matches(value)) {
            throw ProtocolException.badField(field, "does not match " + format.regex());
        }
        return value;
    }

    public static String optional(String field, String value, Format format) {
        return value == null ? null : matches(field, value, format);
    }

    public static String text(String field, String value) {
        if (value == null) {
            throw ProtocolException.missing(field);
        }
        if (value.length() > MAX_TEXT) {
            throw ProtocolException.badField(field, "is longer than " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n') {
                throw ProtocolException.badField(field, "contains a control character");
            }
        }
        return value;
    }

    public static String optionalText(String field, String value) {
        return value == null ? null : text(field, value);
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw ProtocolException.missing(field);
        }
        return value;
    }

    public static long atLeast(String field, long value, long min) {
        if (value < min) {
            throw ProtocolException.badField(field, "must be at least " + min + ", was " + value);
        }
        return value;
    }

    public static int between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw ProtocolException.badField(field, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
