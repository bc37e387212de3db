package nl.opvang.protocol;

import java.util.Locale;

/**
 * Status of one bed. Declared in order of precedence (docs/DESIGN.md §4): when two apply, the earlier wins.
 * {@code HELD} is the hub's: nodes report free, occupied, out of service and cleaning.
 */
public enum PlaceStatus {
    OUT_OF_SERVICE,
    OCCUPIED,
    HELD,
    CLEANING,
    FREE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PlaceStatus fromWire(String field, String value) {
        Check.present(field, value);
        for (PlaceStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw ProtocolException.badField(field, "is not a known status: " + value);
    }
}
