package nl.opvang.hub.location;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The domain a location belongs to (docs/DESIGN.md §4): maatschappelijke opvang, vrouwenopvang (domestic violence) or
 * beschermd wonen. Wire names {@code mo}, {@code vo}, {@code bw}; Dutch words {@code domain.<wire>}.
 */
public enum Domain {
    MO, VO, BW;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Domain> fromWire(String wire) {
        return Arrays.stream(values()).filter(domain -> domain.wire().equals(wire)).findFirst();
    }
}
