package nl.opvang.hub.availability;

import java.time.Instant;
import nl.opvang.protocol.Kind;

/**
 * Places of one kind at one location. {@code free} counts only what is trustworthy now: it is 0 when the location is
 * stale or offline, and {@code lastKnownFree} keeps the last figure for showing greyed with its age. For an open
 * count-only kind such as the noodbedden, {@code openSince} is when they were opened and {@code openUntil} when the
 * node closes them by itself (null: unknown, closed, or no end time).
 */
public record KindAvailability(Kind kind, int capacity, int occupied, int held, int cleaning, int outOfService, int free,
                               int lastKnownFree, Instant openSince, Instant openUntil) {

    public KindAvailability(Kind kind, int capacity, int occupied, int held, int cleaning, int outOfService, int free,
                            int lastKnownFree) {
        this(kind, capacity, occupied, held, cleaning, outOfService, free, lastKnownFree, null, null);
    }
}
