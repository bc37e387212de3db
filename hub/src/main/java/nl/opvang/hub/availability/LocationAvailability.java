package nl.opvang.hub.availability;

import java.time.Instant;
import java.util.List;

/**
 * One location's entry in the availability answer and the SSE stream (docs/DESIGN.md §6). {@code lastConfirmedAt} is
 * the oldest of its nodes' last messages, on the hub's clock.
 */
public record LocationAvailability(String code, String name, String municipality, String region, String phone,
                                   boolean secret, List<KindAvailability> kinds, Instant lastConfirmedAt,
                                   Freshness freshness) {
    public LocationAvailability {
        kinds = List.copyOf(kinds);
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
