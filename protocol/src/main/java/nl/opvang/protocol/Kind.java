package nl.opvang.protocol;

import java.util.Locale;

/** Kinds of place (docs/DESIGN.md §4). A family unit counts as one place. */
public enum Kind {
    REGULAR,
    CRISIS,
    NOOD,
    OPSTART,
    FAMILY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Kind fromWire(String field, String value) {
        Check.present(field, value);
        for (Kind kind : values()) {
            if (kind.wire().equals(value)) {
                return kind;
            }
        }
        throw ProtocolException.badField(field, "is not a known kind: " + value);
    }
}
