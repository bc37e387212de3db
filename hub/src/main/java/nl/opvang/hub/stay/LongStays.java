package nl.opvang.hub.stay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.location.Domain;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.report.Nights;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Kind;

/**
 * Stays past their limit ({@link StayLimits}; docs/DESIGN.md §4 "Long stays"), found among the open stays of the
 * monitoring ledger ({@link StayStore}: a restricted client's left out), as each role may see them (docs/DESIGN.md §5): the CT sees the MO's stays of the region one by one and
 * every location's number over the limit (the VO's as numbers only); a VO desk sees the stays and numbers of its
 * provider's locations of domain {@code vo}. A stay is shown by location, kind, bed (if any) and start: never a token.
 */
public final class LongStays {
    private final Database database;
    private final Registry registry;
    private final Clock clock;
    private final LongStayNights nights;

    public LongStays(Database database, Registry registry, Clock clock) {
        this.database = database;
        this.registry = registry;
        this.clock = clock;
        this.nights = new LongStayNights(database, this, clock);
    }

    /** The month's nights over the limit as {@code principal} may see them ({@code null}: this month, Dutch time). */
    public LongStayNights.Answer nights(Principal principal, YearMonth month) {
        return nights.of(principal, month == null ? YearMonth.now(clock.withZone(Nights.ZONE)) : month);
    }

    /** One stay past its limit: where, on what, since when, how many whole days so far, under which limit. */
    public record Stay(String location, String name, String kind, String bed, Instant since, long days, String limit) {
    }

    /** How many stays at one location are past one limit now. */
    public record Count(String location, String name, String domain, String limit, int over) {
    }

    /** A limit as the answer states it: its wire name, the domain, the kinds (null: all), in Dutch. */
    public record Limit(String limit, String domain, List<String> kinds, String text) {
    }

    /** What one caller sees: the stays in detail it may see, and numbers per location. */
    public record Answer(Instant generatedAt, List<Limit> limits, List<Stay> stays, List<Count> counts, int total) {
        public Answer {
            stays = List.copyOf(stays);
            counts = List.copyOf(counts);
        }
    }

    static final List<Limit> LIMITS = List.of(
            new Limit(StayLimits.VO.wire(), Domain.VO.wire(), List.of(Kind.CRISIS.wire(), Kind.NOOD.wire()),
                    StayLimits.VO.dutch()),
            new Limit(StayLimits.MO.wire(), Domain.MO.wire(), null, StayLimits.MO.dutch()));

    /** The stays past their limit as {@code principal} may see them (CT or VO desk; others see nothing). */
    public Answer of(Principal principal) {
        Instant now = clock.instant();
        List<Stay> shown = new ArrayList<>();
        Map<List<String>, Count> counts = new LinkedHashMap<>();
        for (Found found : overNow(now)) {
            Location location = found.location();
            if (!counted(principal, location)) {
                continue;
            }
            counts.merge(List.of(location.code(), found.stay().limit()),
                    new Count(location.code(), location.name(), location.audience().domain().wire(), found.stay().limit(), 1),
                    (a, b) -> new Count(a.location(), a.name(), a.domain(), a.limit(), a.over() + 1));
            if (detailed(principal, location)) {
                shown.add(found.stay());
            }
        }
        List<Count> numbers = new ArrayList<>(counts.values());
        return new Answer(now, LIMITS, shown, numbers, numbers.stream().mapToInt(Count::over).sum());
    }

    /** A location whose numbers the principal sees: all for CT, its provider's VO locations for a VO desk. */
    static boolean counted(Principal principal, Location location) {
        if (principal.role() == Role.CT) {
            return true;
        }
        return principal.role() == Role.VO_DESK && location.audience().domain() == Domain.VO
                && location.provider().equals(principal.scope());
    }

    /** A location whose stays the principal sees one by one: the MO's for CT, its own VO locations for a VO desk. */
    private static boolean detailed(Principal principal, Location location) {
        if (principal.role() == Role.CT) {
            return location.audience().domain() == Domain.MO;
        }
        return counted(principal, location);
    }

    private record Found(Location location, Stay stay) {
    }

    /** A stay under a limit: where, on which kind and bed, and the limit that applies. */
    record Limited(Location location, Kind kind, String bed, StayLimits limit) {
    }

    /** The limit a stay is under, if any: by its location's domain and its kind ({@link StayLimits#of}). */
    Optional<Limited> limited(StayStore.Stay stay) {
        Optional<Location> location = registry.location(stay.site());
        Optional<Kind> kind = kind(stay);
        if (location.isEmpty() || kind.isEmpty()) {
            return Optional.empty();
        }
        return StayLimits.of(location.get(), kind.get()).map(limit -> new Limited(location.get(), kind.get(), stay.bed(),
                limit));
    }

    private List<Found> overNow(Instant now) {
        List<Found> found = new ArrayList<>();
        for (StayStore.Stay open : database.read(StayStore::open)) {
            Instant since = Instant.ofEpochMilli(open.sinceMs());
            limited(open).filter(stay -> stay.limit().over(since, now))
                    .ifPresent(stay -> found.add(new Found(stay.location(), new Stay(stay.location().code(),
                            stay.location().name(), stay.kind().wire(), stay.bed(), since,
                            Duration.between(since, now).toDays(), stay.limit().wire()))));
        }
        return found;
    }

    /** The kind the ledger kept for the stay (the check-in's, else its bed's), else its bed's in the registry. */
    private Optional<Kind> kind(StayStore.Stay stay) {
        Optional<Kind> kept = Arrays.stream(Kind.values()).filter(kind -> kind.wire().equals(stay.kind())).findFirst();
        if (kept.isPresent() || stay.bed() == null) {
            return kept;
        }
        return registry.place(stay.node(), stay.bed()).map(PlaceSpec::kind);
    }
}
