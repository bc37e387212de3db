package nl.opvang.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where someone goes at check-out: the one vocabulary of destinations (docs/DESIGN.md §3), with the wire code a
 * {@code check_out} event carries and the Dutch label every screen and report shows. The kiosk, the simulator and the
 * hub's monitoring read this list; none keeps its own. A next-step category, never an address.
 */
public enum Destination {
    /** An own home (rented, bought, sublet). */
    WONING("Eigen woning"),
    /** Beschermd or begeleid wonen. */
    BESCHERMD_WONEN("Beschermd of begeleid wonen"),
    /** Another shelter, in this region or another. */
    ANDERE_OPVANG("Andere opvang"),
    /** A care institution (a hospital, GGZ, addiction care). */
    ZORG("Zorg"),
    /** Staying with family or friends. */
    FAMILIE("Familie of vrienden"),
    /** Back on the street. */
    STRAAT("Straat"),
    /** Abroad: the country of origin, or another country. */
    BUITENLAND("Buitenland"),
    ONBEKEND("Onbekend");

    /**
     * Codes sent before the vocabulary existed (the simulator's own list): still accepted and read as the destination
     * they stand for, so the figures count them with it.
     */
    public static final Map<String, Destination> OLDER_CODES = Map.of(
            "begeleid-wonen", BESCHERMD_WONEN,
            "andere-opvang", ANDERE_OPVANG);

    private final String label;

    Destination(String label) {
        this.label = label;
    }

    /** The code on the wire, e.g. {@code andere_opvang}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Dutch label, e.g. "Andere opvang". */
    public String label() {
        return label;
    }

    /** The wire codes of the vocabulary, in order. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(Destination::wire).toList();
    }

    /** The destination of a wire code or of an {@link #OLDER_CODES older code}; empty for any other code. */
    public static Optional<Destination> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Destination destination : values()) {
            if (destination.wire().equals(code)) {
                return Optional.of(destination);
            }
        }
        return Optional.ofNullable(OLDER_CODES.get(code));
    }
}
