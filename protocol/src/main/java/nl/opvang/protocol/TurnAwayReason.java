package nl.opvang.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why someone could not be taken in: the one vocabulary of turn-away reasons (docs/DESIGN.md §3), with the wire code
 * a {@code turn_away} event carries and the Dutch label every screen and report shows. The kiosk, the button panel,
 * the simulator and the hub's pages and reports all read this list; none keeps its own.
 */
public enum TurnAwayReason {
    /** No free place of the kind the person needs. */
    FULL("Vol"),
    /** A place is free, but not one that suits this person (e.g. care needs, target group). */
    NOT_SUITABLE("Past niet"),
    /** No tie to the region: referred to the region the person comes from. */
    REGIONAL_BINDING("Geen regiobinding"),
    /** Not admitted because of behaviour (aggression, a house ban). */
    BEHAVIOUR("Gedrag"),
    /** The person did not want the place offered. */
    REFUSED("Weigert"),
    OTHER("Anders");

    /**
     * Codes sent before the vocabulary existed (the simulator's Dutch codes): still accepted on the wire and read as
     * the reason they stand for, so a node with older software loses nothing. Any other unknown code is refused.
     */
    public static final Map<String, TurnAwayReason> OLDER_CODES = Map.of(
            "vol", FULL,
            "niet-passend", NOT_SUITABLE,
            "regiobinding", REGIONAL_BINDING);

    private final String label;

    TurnAwayReason(String label) {
        this.label = label;
    }

    /** The code on the wire, e.g. {@code regional_binding}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Dutch label, e.g. "Geen regiobinding". */
    public String label() {
        return label;
    }

    /** The wire codes of the vocabulary, in order. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(TurnAwayReason::wire).toList();
    }

    /** The reason of a wire code or of an {@link #OLDER_CODES older code}; anything else is a bad field. */
    public static TurnAwayReason fromWire(String field, String value) {
        Check.present(field, value);
        for (TurnAwayReason reason : values()) {
            if (reason.wire().equals(value)) {
                return reason;
            }
        }
        TurnAwayReason older = OLDER_CODES.get(value);
        if (older != null) {
            return older;
        }
        throw ProtocolException.badField(field, "is not a known turn-away reason (" + String.join(", ", codes()) + "): "
                + value);
    }
}
