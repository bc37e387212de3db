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
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.location.Domain;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.Kind;

/**
 * Turns the projection into the retained {@link HubCounts} that every node shows its staff, at most once per tick and
 * only when something changed. Live free places only: a stale or offline location counts 0, as everywhere else, and
 * each location says how fresh its figures are. Every node and kiosk of the region reads the topic, so it carries what
 * night staff of no particular location may see ({@link Visibility}), and less: a secret location goes in
 * {@code secretLocations} as counts with its 24/7 phone, named "Vrouwenopvang" (VO domain) or "Geheime locatie", never
 * with its code or name (issue 15 item 7). While cold-weather mode is on, it also says until when
 * ({@code coldWeatherUntil}), so that kiosks show "Koudweerregeling actief tot …".
 */
public final class CountsBroadcast {
    /** The name a secret location of the VO domain goes by on the counts topic. */
    public static final String VO_NAME = "Vrouwenopvang";
    /** Night staff of no location: what any node of the region may see of every location. */
    private static final Principal ANY_NODE = new Principal(0, "counts-topic", Role.NIGHT_STAFF, null);

    private final AvailabilityProjection projection;
    private final Visibility visibility;
    private final Clock clock;
    private final Predicate<HubCounts> publisher;
    private final Supplier<Instant> coldWeatherUntil;
    private long publishedVersion = -1;
    private Instant publishedUntil;

    /** {@code publisher} returns false when it could not publish now (e.g. no broker); the next tick tries again. */
    public CountsBroadcast(AvailabilityProjection projection, Visibility visibility, Clock clock,
                           Predicate<HubCounts> publisher) {
        this(projection, visibility, clock, publisher, () -> null);
    }

    /** With cold-weather mode: {@code coldWeatherUntil} says until when it is on ({@code null}: off), for the banner. */
    public CountsBroadcast(AvailabilityProjection projection, Visibility visibility, Clock clock,
                           Predicate<HubCounts> publisher, Supplier<Instant> coldWeatherUntil) {
        this.projection = projection;
        this.visibility = visibility;
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
        List<HubCounts.SecretLocation> secret = new ArrayList<>();
        for (Visibility.Seen seen : visibility.of(ANY_NODE, snapshot.sorted())) {
            LocationAvailability location = seen.location();
            Map<Kind, Integer> free = new EnumMap<>(Kind.class);
            for (KindAvailability kind : location.kinds()) {
                free.put(kind.kind(), kind.free());
            }
            String freshness = location.freshness() == null ? null : location.freshness().wire();
            if (location.secret()) {
                String name = location.audience().domain() == Domain.VO ? VO_NAME : Visibility.SECRET_NAME;
                secret.add(new HubCounts.SecretLocation(name, location.phone(), free, freshness,
                        location.lastConfirmedAt()));
            } else {
                locations.add(new HubCounts.LocationCount(location.code(), location.name(), location.phone(), free,
                        freshness, location.lastConfirmedAt()));
            }
        }
        return HubCounts.of(clock.instant(), locations, until, secret);
    }
}
