package nl.opvang.hub.availability;

import java.time.Instant;
import nl.opvang.protocol.Kind;

/**
 * The places of one kind at one location added up: capacity counts open places only, {@code free = open capacity −
 * occupied − held − cleaning − out of service} (docs/DESIGN.md §4), and open count-only places say since when the
 * earliest was opened and when the first closes by itself.
 */
final class KindTotals {
    private final Kind kind;
    private int capacity;
    private int occupied;
    private int held;
    private int cleaning;
    private int outOfService;
    private Long openSinceMs;
    private Long openUntilMs;

    KindTotals(Kind kind) {
        this.kind = kind;
    }

    /** Adds one place; {@code heldByHub}: a bed the hub holds, which then is not cleaning. */
    void add(PlaceState place, boolean heldByHub) {
        capacity += place.openCapacity();
        occupied += place.occupiedCount();
        held += place.heldCount() + (heldByHub ? 1 : 0);
        cleaning += heldByHub ? 0 : place.cleaningCount();
        outOfService += place.outOfService();
        if (place.open() && place.counted()) {
            openSinceMs = earliest(openSinceMs, place.openSinceMs());
            openUntilMs = earliest(openUntilMs, place.openUntilMs());
        }
    }

    /** Places of a count-only kind the hub holds. */
    void held(int places) {
        held += places;
    }

    KindAvailability availability(boolean live) {
        int lastKnownFree = Math.max(0, capacity - occupied - held - cleaning - outOfService);
        return new KindAvailability(kind, capacity, occupied, held, cleaning, outOfService, live ? lastKnownFree : 0,
                lastKnownFree, instant(openSinceMs), instant(openUntilMs));
    }

    private static Long earliest(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.min(a, b);
    }

    private static Instant instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }
}
