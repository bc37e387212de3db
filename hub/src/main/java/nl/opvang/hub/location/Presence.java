package nl.opvang.hub.location;

import java.time.Instant;

/** Whether a location is in service at a time: opened and not yet retired (docs/DESIGN.md §4 "Capacity over time"). */
@FunctionalInterface
public interface Presence {
    /** Every location, always: a hub or test without dates. */
    Presence ALWAYS = (code, at) -> true;

    boolean present(String code, Instant at);
}
