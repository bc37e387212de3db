package nl.opvang.hub.availability;

import nl.opvang.protocol.Kind;

/**
 * Places of one kind at one location. {@code free} counts only what is trustworthy now: it is 0 when the location is
 * stale or offline, and {@code lastKnownFree} keeps the last figure for showing greyed with its age.
 */
public record KindAvailability(Kind kind, int capacity, int occupied, int held, int cleaning, int outOfService, int free,
                               int lastKnownFree) {
}
