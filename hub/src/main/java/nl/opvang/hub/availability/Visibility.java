package nl.opvang.hub.availability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Registry;
import nl.opvang.protocol.Kind;

/**
 * What each role sees of availability and of the registry: the rules of docs/DESIGN.md §5, in one place, applied alike
 * by
 * {@code GET /api/v1/availability}, its stream, {@code /api/v1/locations} and the region counts on MQTT. Part of
 * availability, not of accounts: it needs only the caller's {@link Role} and scope, and the counts use it too.
 *
 * <table>
 *   <caption>Availability and locations per role</caption>
 *   <tr><th>role</th><th>availability (and stream)</th><th>locations (registry)</th></tr>
 *   <tr><td>CT</td><td>every location of the region; a secret location as counts per kind ({@code free},
 *       {@code lastKnownFree}, {@code capacity}) with its name and whom to call; others in full</td>
 *       <td>all, in full (there is no address at the hub to hide)</td></tr>
 *   <tr><td>Veilig Thuis</td><td>only the vrouwenopvang's crisis places (locations of domain {@code vo}), as one
 *       entry per region ({@code code} {@code crisis-<region>}): summed counts, the 24/7 number of the region's VO;
 *       never a location's name or code, never an MO site</td><td>403</td></tr>
 *   <tr><td>night staff</td><td>its own site in full; every other location as counts, a secret one named
 *       "Geheime locatie"</td><td>own site in full; others without nodes, a secret one named "Geheime locatie"</td></tr>
 *   <tr><td>VO desk</td><td>its provider's VO locations (domain {@code vo}) in full; every other location as counts, other
 *       secret ones named "Geheime locatie"</td><td>as night staff, for its provider's VO locations</td></tr>
 *   <tr><td>admin</td><td>403: admins configure, they do not place (docs/DESIGN.md §5 "no client data"; occupancy
 *       counts are not client data, but an admin has no need for them and the node list shows freshness)</td>
 *       <td>all, in full (configuration)</td></tr>
 * </table>
 *
 * "Counts" means {@code occupied}, {@code held}, {@code cleaning} and {@code outOfService} are {@code null}: only what
 * is free (and of how many) is shown.
 *
 * <p>Whom the places are for (the location's {@code Audience}: domain and target groups) goes with every location a
 * role sees, counts included: a count of free places is of no use without it, and it is a closed list of words
 * ({@code TargetGroup}), never free text, so it cannot carry an address. Veilig Thuis's summed crisis entry carries
 * none: it sums places of several domains.
 */
public final class Visibility {
    /** The name a secret location goes by for roles not authorised to know it. */
    public static final String SECRET_NAME = "Geheime locatie";

    private final Registry registry;
    private final String regionName;

    /** How much of a location's figures a role sees. */
    public enum Detail {
        FULL, COUNTS
    }

    /** A location as one principal sees it. */
    public record Seen(LocationAvailability location, Detail detail) {
    }

    public Visibility(Registry registry, String regionName) {
        this.registry = registry;
        this.regionName = regionName;
    }

    /** Whether the principal sees this location by name and in full (as opposed to counts, or not at all). */
    public boolean authorised(Principal principal, Location location) {
        switch (principal.role()) {
            case CT:
            case ADMIN:
                return true;
            case NIGHT_STAFF:
                return location.code().equals(principal.scope());
            case VO_DESK:
                return location.audience().vo() && location.provider().equals(principal.scope());
            default:
                return false;
        }
    }

    /** The locations as the principal sees them; for Veilig Thuis, one crisis entry per region. */
    public List<Seen> of(Principal principal, Collection<LocationAvailability> locations) {
        if (principal.role() == Role.VEILIG_THUIS) {
            Map<String, List<LocationAvailability>> byRegion = new LinkedHashMap<>();
            for (LocationAvailability location : locations) {
                byRegion.computeIfAbsent(location.region(), region -> new ArrayList<>()).add(location);
            }
            List<Seen> regions = new ArrayList<>();
            byRegion.forEach((region, members) -> crisisOf(region, members).ifPresent(regions::add));
            return regions;
        }
        List<Seen> seen = new ArrayList<>();
        for (LocationAvailability location : locations) {
            seen.add(seen(principal, location));
        }
        return seen;
    }

    /**
     * What the principal sees after one location changed: that location, or for Veilig Thuis its region's crisis entry
     * recomputed from {@code current} (the filtered locations now).
     */
    public Optional<Seen> ofChange(Principal principal, LocationAvailability changed,
                                   Supplier<Collection<LocationAvailability>> current) {
        if (principal.role() != Role.VEILIG_THUIS) {
            return Optional.of(seen(principal, changed));
        }
        if (!changed.audience().vo() || changed.kinds().stream().noneMatch(kind -> kind.kind() == Kind.CRISIS)) {
            return Optional.empty();
        }
        List<LocationAvailability> members = new ArrayList<>();
        for (LocationAvailability location : current.get()) {
            if (location.region().equals(changed.region())) {
                members.add(location);
            }
        }
        return crisisOf(changed.region(), members);
    }

    private Seen seen(Principal principal, LocationAvailability location) {
        Optional<Location> registered = registry.location(location.code());
        boolean secret = location.secret();
        if (principal.role() == Role.CT) {
            return new Seen(location, secret ? Detail.COUNTS : Detail.FULL);
        }
        if (registered.isPresent() && principal.role() != Role.ADMIN && authorised(principal, registered.get())) {
            return new Seen(location, Detail.FULL);
        }
        LocationAvailability shown = !secret ? location : new LocationAvailability(location.code(), SECRET_NAME,
                location.municipality(), location.region(), location.phone(), true, location.kinds(),
                location.lastConfirmedAt(), location.freshness(), location.audience());
        return new Seen(shown, Detail.COUNTS);
    }

    private Optional<Seen> crisisOf(String region, List<LocationAvailability> members) {
        int capacity = 0;
        int free = 0;
        int lastKnownFree = 0;
        int live = 0;
        int contributing = 0;
        Instant oldest = null;
        String phone = null;
        String anyPhone = null;
        for (LocationAvailability location : members) {
            // Only the vrouwenopvang's crisis places: Veilig Thuis's door is the VO desk, never an MO site (issue 14).
            for (KindAvailability kind : location.audience().vo() ? location.kinds() : List.<KindAvailability>of()) {
                if (kind.kind() != Kind.CRISIS) {
                    continue;
                }
                contributing++;
                capacity += kind.capacity();
                free += kind.free();
                lastKnownFree += kind.lastKnownFree();
                live += location.freshness() == Freshness.LIVE ? 1 : 0;
                if (location.lastConfirmedAt() != null && (oldest == null || location.lastConfirmedAt().isBefore(oldest))) {
                    oldest = location.lastConfirmedAt();
                }
                anyPhone = anyPhone == null ? location.phone() : anyPhone;
                if (phone == null && location.secret()) {
                    phone = location.phone();
                }
            }
        }
        if (contributing == 0) {
            return Optional.empty();
        }
        Freshness freshness = live == contributing ? Freshness.LIVE : live == 0 ? Freshness.OFFLINE : Freshness.STALE;
        String name = region.equals(registry.regionCode()) ? regionName : region;
        KindAvailability crisis = new KindAvailability(Kind.CRISIS, capacity, 0, 0, 0, 0, free, lastKnownFree);
        String title = Words.capitalised(Words.kind(Kind.CRISIS, 0)) + " " + name;
        return Optional.of(new Seen(new LocationAvailability("crisis-" + region, title, name, region,
                phone == null ? anyPhone : phone, false, List.of(crisis), oldest, freshness), Detail.COUNTS));
    }
}
