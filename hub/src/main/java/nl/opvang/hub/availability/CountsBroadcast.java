package nl.opvang.hub.availability;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.Kind;

/**
 * Turns the projection into the retained {@link HubCounts} that every node shows its staff, at most once per tick and
 * only when something changed. Live free places only: a stale or offline location counts 0, as everywhere else.
 * Every node and kiosk of the region reads the topic, so it carries what night staff may see of other locations
 * ({@link Visibility}): a secret location as counts only, named "Geheime locatie" and with an empty phone
 * (empty rather than absent, so that nodes with older software still read the message).
 */
public final class CountsBroadcast {
    private final AvailabilityProjection projection;
    private final Clock clock;
    private final Predicate<HubCounts> publisher;
    private long publishedVersion = -1;

    /** {@code publisher} returns false when it could not publish now (e.g. no broker); the next tick tries again. */
    public CountsBroadcast(AvailabilityProjection projection, Clock clock, Predicate<HubCounts> publisher) {
        this.projection = projection;
        this.clock = clock;
        this.publisher = publisher;
    }

    /** Publishes when the projection changed since the last successful publish. Call from one thread, on a timer. */
    public void tick() {
        AvailabilityProjection.Snapshot snapshot = projection.snapshot();
        if (snapshot.version() == publishedVersion) {
            return;
        }
        if (publisher.test(counts(snapshot))) {
            publishedVersion = snapshot.version();
        }
    }

    HubCounts counts(AvailabilityProjection.Snapshot snapshot) {
        List<HubCounts.LocationCount> locations = new ArrayList<>();
        for (LocationAvailability location : snapshot.sorted()) {
            Map<Kind, Integer> free = new EnumMap<>(Kind.class);
            for (KindAvailability kind : location.kinds()) {
                free.put(kind.kind(), kind.free());
            }
            locations.add(location.secret()
                    ? new HubCounts.LocationCount(location.code(), Visibility.SECRET_NAME, "", free)
                    : new HubCounts.LocationCount(location.code(), location.name(), location.phone(), free));
        }
        return HubCounts.of(clock.instant(), locations);
    }
}
