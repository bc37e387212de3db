package nl.opvang.hub.availability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
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
 *   <tr><td>Veilig Thuis</td><td>only the vrouwenopvang's crisis places and noodbedden (locations of domain
 *       {@code vo}), as one entry per access desk per region ({@code code} {@code crisis-<region>-<provider>},
 *       {@code name} the provider): summed counts, the desk's 24/7 number; never a location's name or code, never an
 *       MO site</td><td>403</td></tr>
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
 * ({@code TargetGroup}), never free text, so it cannot carry an address. Veilig Thuis's summed desk entry carries
 * none: it sums places of several locations.
 */
public final class Visibility {
    /** The name a secret location goes by for roles not authorised to know it. */
    public static final String SECRET_NAME = "Geheime locatie";
    /** The kinds Veilig Thuis counts: the vrouwenopvang's crisis places and noodbedden (issue 14 item 2). */
    private static final Set<Kind> VT_KINDS = EnumSet.of(Kind.CRISIS, Kind.NOOD);

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

    /** The locations as the principal sees them; for Veilig Thuis, one entry per VO access desk per region. */
    public List<Seen> of(Principal principal, Collection<LocationAvailability> locations) {
        if (principal.role() == Role.VEILIG_THUIS) {
            Map<String, List<LocationAvailability>> byDesk = new LinkedHashMap<>();
            for (LocationAvailability location : locations) {
                desk(location).ifPresent(desk -> byDesk.computeIfAbsent(location.region() + "\n" + desk,
                        key -> new ArrayList<>()).add(location));
            }
            List<Seen> desks = new ArrayList<>();
            byDesk.forEach((key, members) -> deskOf(key.substring(0, key.indexOf('\n')),
                    key.substring(key.indexOf('\n') + 1), members).ifPresent(desks::add));
            return desks;
        }
        List<Seen> seen = new ArrayList<>();
        for (LocationAvailability location : locations) {
            seen.add(seen(principal, location));
        }
        return seen;
    }

    /**
     * What the principal sees after one location changed: that location, or for Veilig Thuis its desk's entry
     * recomputed from {@code current} (the filtered locations now).
     */
    public Optional<Seen> ofChange(Principal principal, LocationAvailability changed,
                                   Supplier<Collection<LocationAvailability>> current) {
        if (principal.role() != Role.VEILIG_THUIS) {
            return Optional.of(seen(principal, changed));
        }
        Optional<String> desk = desk(changed);
        if (desk.isEmpty() || changed.kinds().stream().noneMatch(kind -> VT_KINDS.contains(kind.kind()))) {
            return Optional.empty();
        }
        List<LocationAvailability> members = new ArrayList<>();
        for (LocationAvailability location : current.get()) {
            if (location.region().equals(changed.region()) && desk.equals(desk(location))) {
                members.add(location);
            }
        }
        return deskOf(changed.region(), desk.get(), members);
    }

    /** The VO access desk a location's places belong to (its provider), for a location of domain {@code vo}. */
    private Optional<String> desk(LocationAvailability location) {
        return location.audience().vo() ? registry.location(location.code()).map(Location::provider) : Optional.empty();
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

    /**
     * Veilig Thuis's entry for one VO access desk in one region (issue 14): its crisis places and its noodbedden (free
     * open ones; {@code capacity} the open ones), summed over its VO locations, named by the desk (the provider, as
     * {@code /api/v1/crisis-places} names it) with its 24/7 number; never a location's name or code.
     */
    private Optional<Seen> deskOf(String region, String desk, List<LocationAvailability> members) {
        Map<Kind, int[]> sums = new EnumMap<>(Kind.class);
        int live = 0;
        Instant oldest = null;
        for (LocationAvailability location : members) {
            List<KindAvailability> kinds = location.kinds().stream().filter(kind -> VT_KINDS.contains(kind.kind())).toList();
            if (kinds.isEmpty()) {
                continue;
            }
            for (KindAvailability kind : kinds) {
                int[] sum = sums.computeIfAbsent(kind.kind(), each -> new int[3]);
                sum[0] += kind.capacity();
                sum[1] += kind.free();
                sum[2] += kind.lastKnownFree();
            }
            live += location.freshness() == Freshness.LIVE ? 1 : 0;
            if (location.lastConfirmedAt() != null && (oldest == null || location.lastConfirmedAt().isBefore(oldest))) {
                oldest = location.lastConfirmedAt();
            }
        }
        int contributing = (int) members.stream().filter(location -> location.kinds().stream()
                .anyMatch(kind -> VT_KINDS.contains(kind.kind()))).count();
        if (contributing == 0) {
            return Optional.empty();
        }
        Freshness freshness = live == contributing ? Freshness.LIVE : live == 0 ? Freshness.OFFLINE : Freshness.STALE;
        String name = region.equals(registry.regionCode()) ? regionName : region;
        // The desk's 24/7 number: its first VO location's phone in the region file, as /api/v1/crisis-places gives it.
        String phone = registry.locations().stream().filter(location -> location.audience().vo()
                && location.provider().equals(desk)).map(Location::phone).findFirst().orElse(null);
        List<KindAvailability> kinds = new ArrayList<>();
        sums.forEach((kind, sum) -> kinds.add(new KindAvailability(kind, sum[0], 0, 0, 0, 0, sum[1], sum[2])));
        return Optional.of(new Seen(new LocationAvailability(deskCode(region, desk), desk, name, region, phone, false,
                kinds, oldest, freshness), Detail.COUNTS));
    }

    /** An opaque code for a desk's entry: {@code crisis-<region>-<provider in lower-case letters and digits>}. */
    static String deskCode(String region, String desk) {
        String slug = desk.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return "crisis-" + region + "-" + slug;
    }
}
