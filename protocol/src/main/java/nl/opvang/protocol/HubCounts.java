package nl.opvang.protocol;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's retained summary of live free places per location, on {@link Topics#HUB_COUNTS}, so that night staff can
 * refer someone at the door to another location (docs/DESIGN.md §5: other locations' free places as counts). Counts,
 * names and phone numbers only: never an address (the hub has none) and never anything about clients. Every node and
 * kiosk reads this topic, so a secret location is listed as counts only: named "Geheime locatie", with an empty phone
 * (the hub sends {@code ""}, which nodes with older software still read; an absent phone is read as {@code null}).
 */
public record HubCounts(int v, Instant at, List<LocationCount> locations, Instant coldWeatherUntil) {
    public HubCounts {
        if (v != Envelope.VERSION) {
            throw new ProtocolException(Reason.UNKNOWN_VERSION, "unknown version v=" + v);
        }
        Check.present("at", at);
        locations = List.copyOf(Check.present("locations", locations));
        if (locations.size() > 5000) {
            throw ProtocolException.badField("locations", "lists more than 5000 locations");
        }
    }

    public static HubCounts of(Instant at, List<LocationCount> locations) {
        return of(at, locations, null);
    }

    /** With cold-weather mode on until {@code coldWeatherUntil} (null: off), for the kiosks' banner. */
    public static HubCounts of(Instant at, List<LocationCount> locations, Instant coldWeatherUntil) {
        return new HubCounts(Envelope.VERSION, at, locations, coldWeatherUntil);
    }

    /**
     * One location's live free places per kind (0 when the location is not live), and whom to call; {@code phone} is
     * empty for a secret location ({@code null} when a message left it out).
     */
    public record LocationCount(String code, String name, String phone, Map<Kind, Integer> free) {
        public LocationCount {
            Check.code("code", code);
            Check.text("name", name);
            Check.optionalText("phone", phone);
            Map<Kind, Integer> copy = new EnumMap<>(Kind.class);
            for (Map.Entry<Kind, Integer> entry : Check.present("free", free).entrySet()) {
                copy.put(entry.getKey(), Check.between("free", Check.present("free", entry.getValue()), 0, 100_000));
            }
            free = Map.copyOf(copy);
        }
    }
}
