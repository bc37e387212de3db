package nl.opvang.hub.placement;

import java.util.Locale;

/**
 * The states of a hold (docs/DESIGN.md §4): {@code requested} → {@code accepted} | {@code refused} | {@code expired} |
 * {@code cancelled}; {@code accepted} → {@code fulfilled} | {@code expired}. A conflict with the location's own facts
 * refuses a hold in either active state: the node is the authority on who sleeps where (docs/DESIGN.md §3).
 */
public enum HoldState {
    REQUESTED,
    ACCEPTED,
    REFUSED,
    EXPIRED,
    CANCELLED,
    FULFILLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HoldState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Active holds keep their place held. */
    public boolean active() {
        return this == REQUESTED || this == ACCEPTED;
    }
}
