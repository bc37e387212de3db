package nl.opvang.protocol;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's retained summary of live free places per location, on {@link Topics#HUB_COUNTS}, so that night staff can
 * refer someone at the door to another location (docs/DESIGN.md §3, §5: other locations' free places as counts).
 * Counts, names, freshness and phone numbers only: never an address (the hub has none) and never anything about
 * clients. Every node and kiosk reads this topic, so a secret location is never in {@code locations}: it is in
 * {@code secretLocations}, as counts with its 24/7 phone under a generic name ("Vrouwenopvang", "Geheime locatie") and
 * without its code. Messages of older hubs have no {@code secretLocations}, freshness or confirmation time; they decode
 * to an empty list and {@code null}s.
 */
public record HubCounts(int v, Instant at, List<LocationCount> locations, Instant coldWeatherUntil,
                        List<SecretLocation> secretLocations) {
    /** A location's freshness as the hub's availability says it: {@code live}, {@code stale} or {@code offline}. */
    public static final Format FRESHNESS = Format.oneOf("live", "stale", "offline");

    public HubCounts {
        if (v != Envelope.VERSION) {
            throw new ProtocolException(Reason.UNKNOWN_VERSION, "unknown version v=" + v);
        }
        Check.present("at", at);
        locations = List.copyOf(Check.present("locations", locations));
        secretLocations = secretLocations == null ? List.of() : List.copyOf(secretLocations);
        if (locations.size() + secretLocations.size() > 5000) {
            throw ProtocolException.badField("locations", "lists more than 5000 locations");
        }
    }

    public static HubCounts of(Instant at, List<LocationCount> locations) {
        return of(at, locations, null);
    }

    /** With cold-weather mode on until {@code coldWeatherUntil} (null: off), for the kiosks' banner. */
    public static HubCounts of(Instant at, List<LocationCount> locations, Instant coldWeatherUntil) {
        return of(at, locations, coldWeatherUntil, List.of());
    }

    /** With the secret locations as counts, without their codes. */
    public static HubCounts of(Instant at, List<LocationCount> locations, Instant coldWeatherUntil,
                               List<SecretLocation> secretLocations) {
        return new HubCounts(Envelope.VERSION, at, locations, coldWeatherUntil, secretLocations);
    }

    /**
     * One location's live free places per kind (0 when the location is not live), whom to call, and how fresh the
     * figures are: {@code freshness} ({@link #FRESHNESS}) and {@code confirmedAt}, when its nodes last confirmed them
     * on the hub's clock ({@code null} when never, or from an older hub). {@code phone} is {@code null} when a message
     * left it out.
     */
    public record LocationCount(String code, String name, String phone, Map<Kind, Integer> free, String freshness,
                                Instant confirmedAt) {
        public LocationCount {
            Check.code("code", code);
            Check.text("name", name);
            Check.optionalText("phone", phone);
            free = freeCopy(free);
            Check.optional("freshness", freshness, FRESHNESS);
        }

        /** Without freshness, as older hubs sent it. */
        public LocationCount(String code, String name, String phone, Map<Kind, Integer> free) {
            this(code, name, phone, free, null, null);
        }
    }

    /**
     * A secret location as night staff may see it: a generic name, its 24/7 phone, its live free places per kind and
     * freshness; never its code, name or address.
     */
    public record SecretLocation(String name, String phone, Map<Kind, Integer> free, String freshness,
                                 Instant confirmedAt) {
        public SecretLocation {
            Check.text("name", name);
            Check.optionalText("phone", phone);
            free = freeCopy(free);
            Check.optional("freshness", freshness, FRESHNESS);
        }
    }

    private static Map<Kind, Integer> freeCopy(Map<Kind, Integer> free) {
        Map<Kind, Integer> copy = new EnumMap<>(Kind.class);
        for (Map.Entry<Kind, Integer> entry : Check.present("free", free).entrySet()) {
            copy.put(entry.getKey(), Check.between("free", Check.present("free", entry.getValue()), 0, 100_000));
        }
        return Map.copyOf(copy);
    }
}
