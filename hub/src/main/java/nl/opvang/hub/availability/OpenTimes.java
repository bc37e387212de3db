package nl.opvang.hub.availability;

import java.time.Instant;

/** Since when the open count-only places of a kind at a location are open, and the first time one closes by itself. */
record OpenTimes(Instant since, Instant until) {
    static final OpenTimes NONE = new OpenTimes(null, null);

    static OpenTimes of(PlaceState place) {
        return new OpenTimes(instant(place.openSinceMs()), instant(place.openUntilMs()));
    }

    OpenTimes earliest(OpenTimes other) {
        return new OpenTimes(earliest(since, other.since), earliest(until, other.until));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }
}
