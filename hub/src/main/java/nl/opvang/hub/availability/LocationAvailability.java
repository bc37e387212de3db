package nl.opvang.hub.availability;

import java.time.Instant;
import java.util.List;
import nl.opvang.hub.location.Audience;

/**
 * One location's entry in the availability answer and the SSE stream (docs/DESIGN.md §6). {@code lastConfirmedAt} is
 * the oldest of its nodes' last messages, on the hub's clock. {@code audience}: whom its places are for.
 */
public record LocationAvailability(String code, String name, String municipality, String region, String phone,
                                   boolean secret, List<KindAvailability> kinds, Instant lastConfirmedAt,
                                   Freshness freshness, Audience audience) {
    public LocationAvailability {
        kinds = List.copyOf(kinds);
        audience = audience == null ? Audience.NONE : audience;
    }

    /** An entry that says nothing of whom its places are for (e.g. Veilig Thuis's summed crisis entry). */
    public LocationAvailability(String code, String name, String municipality, String region, String phone,
                                boolean secret, List<KindAvailability> kinds, Instant lastConfirmedAt,
                                Freshness freshness) {
        this(code, name, municipality, region, phone, secret, kinds, lastConfirmedAt, freshness, Audience.NONE);
    }

    /** This location with only these of its kinds (a filter's answer). */
    public LocationAvailability only(List<KindAvailability> shown) {
        return new LocationAvailability(code, name, municipality, region, phone, secret, shown, lastConfirmedAt,
                freshness, audience);
    }

    /** Live free places of all kinds (a loop: this runs in every comparison of the availability sort). */
    public int free() {
        int free = 0;
        for (KindAvailability kind : kinds) {
            free += kind.free();
        }
        return free;
    }
}
