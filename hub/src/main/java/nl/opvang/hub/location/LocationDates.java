package nl.opvang.hub.location;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When each location opens (region file {@code opens}) and when it is retired (the API), in memory; the capacity
 * package keeps them in the database. A location without dates is in service. Before it opens and from its retirement
 * on, a location is not in availability, the counts topic or the CT page; its node, history and reports stay.
 */
public final class LocationDates implements Presence {
    /** A location's dates; any may be {@code null}. */
    public record Dates(Instant opens, Instant retired, String reason) {
    }

    private volatile Map<String, Dates> dates;

    public LocationDates(Map<String, Dates> dates) {
        this.dates = Map.copyOf(dates);
    }

    @Override
    public boolean present(String code, Instant at) {
        Dates own = dates.get(code);
        if (own == null) {
            return true;
        }
        return (own.opens() == null || !at.isBefore(own.opens())) && (own.retired() == null || at.isBefore(own.retired()));
    }

    public Optional<Dates> of(String code) {
        return Optional.ofNullable(dates.get(code));
    }

    /** Replaces one location's dates (after the commit that stored them). */
    public synchronized void put(String code, Dates changed) {
        Map<String, Dates> next = new HashMap<>(dates);
        next.put(code, changed);
        dates = Map.copyOf(next);
    }
}
