package nl.opvang.hub.availability;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.Kind;

/**
 * Turns the projection into the retained {@link HubCounts} that every node shows its staff, at most once per tick and
 * only when something changed. Live free places only: a stale or offline location counts 0, as everywhere else.
 * Every node and kiosk of the region reads the topic, so it carries what night staff may see of other locations
 * ({@link Visibility}): a secret location as counts only, named "Geheime locatie" and with an empty phone
 * (empty rather than absent, so that nodes with older software still read the message). While cold-weather mode is on,
 * it also says until when ({@code coldWeatherUntil}), so that kiosks show "Koudweerregeling actief tot …".
 */
public final class CountsBroadcast {
    private final AvailabilityProjection projection;
    private final Clock clock;
    private final Predicate<HubCounts> publisher;
    private final Supplier<Instant> coldWeatherUntil;
    private long publishedVersion = -1;
    private Instant publishedUntil;

    /** {@code publisher} returns false when it could not publish now (e.g. no broker); the next tick tries again. */
    public CountsBroadcast(AvailabilityProjection projection, Clock clock, Predicate<HubCounts> publisher) {
        this(projection, clock, publisher, () -> null);
    }

    /** With cold-weather mode: {@code coldWeatherUntil} says until when it is on ({@code null}: off), for the banner. */
    public CountsBroadcast(AvailabilityProjection projection, Clock clock, Predicate<HubCounts> publisher,
                           Supplier<Instant> coldWeatherUntil) {
        this.projection = projection;
        this.clock = clock;
        this.publisher = publisher;
        this.coldWeatherUntil = coldWeatherUntil;
    }

    /**
     * Publishes when the projection or cold-weather mode changed since the last successful publish. Call from one
     * thread, on a timer.
     */
    public void tick() {
        AvailabilityProjection.Snapshot snapshot = projection.snapshot();
        Instant until = coldWeatherUntil.get();
        if (snapshot.version() == publishedVersion && Objects.equals(until, publishedUntil)) {
            return;
        }
        if (publisher.test(counts(snapshot, until))) {
            publishedVersion = snapshot.version();
            publishedUntil = until;
        }
    }

    HubCounts counts(AvailabilityProjection.Snapshot snapshot, Instant until) {
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
        return HubCounts.of(clock.instant(), locations, until);
    }
}
