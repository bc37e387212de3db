package nl.opvang.hub.location;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A region as read from a region file: its municipalities and locations, each with its nodes and places.
 * This is the seed of the hub's registry (docs/DESIGN.md §3: which nodes exist and which places they own).
 * {@code memberships} say which municipality belongs to the region when and for which domain; {@code opens} the date
 * a location opens, by code (docs/DESIGN.md §7); {@code responseTimes} how soon each VO provider's access desk
 * answers a referral, where the file says (docs/DESIGN.md §4).
 */
public record Region(String code, String name, List<String> municipalities, List<Location> locations,
                     List<Membership> memberships, Map<String, LocalDate> opens, Map<String, Duration> responseTimes) {
    /** How soon a VO access desk answers a referral unless the region file says otherwise (issue 14). */
    public static final Duration RESPONSE_TIME = Duration.ofMinutes(15);

    public Region {
        municipalities = List.copyOf(municipalities);
        locations = List.copyOf(locations);
        memberships = List.copyOf(memberships);
        opens = Map.copyOf(opens);
        responseTimes = Map.copyOf(responseTimes);
    }

    /** A region whose VO desks all answer within {@link #RESPONSE_TIME}. */
    public Region(String code, String name, List<String> municipalities, List<Location> locations,
                  List<Membership> memberships, Map<String, LocalDate> opens) {
        this(code, name, municipalities, locations, memberships, opens, Map.of());
    }

    /** The time within which the VO access desk of {@code provider} answers a referral: its setting, or 15 minutes. */
    public Duration responseTime(String provider) {
        return responseTimes.getOrDefault(provider, RESPONSE_TIME);
    }

    /** A region whose municipalities are members always, for both domains, and whose locations are all open. */
    public Region(String code, String name, List<String> municipalities, List<Location> locations) {
        this(code, name, municipalities, locations, municipalities.stream().map(Membership::always).toList(), Map.of());
    }

    /** This region with the other file's locations added (e.g. the demo's test location), unless it has them already. */
    public Region plus(Region other) {
        List<Location> all = new ArrayList<>(locations);
        Map<String, LocalDate> dates = new HashMap<>(opens);
        for (Location location : other.locations()) {
            if (all.stream().noneMatch(existing -> existing.code().equals(location.code()))) {
                all.add(location);
                LocalDate date = other.opens().get(location.code());
                if (date != null) {
                    dates.put(location.code(), date);
                }
            }
        }
        List<String> names = new ArrayList<>(municipalities);
        List<Membership> members = new ArrayList<>(memberships);
        for (String municipality : other.municipalities()) {
            if (!names.contains(municipality)) {
                names.add(municipality);
                other.memberships().stream().filter(each -> each.municipality().equals(municipality)).forEach(members::add);
            }
        }
        Map<String, Duration> times = new HashMap<>(other.responseTimes());
        times.putAll(responseTimes);
        return new Region(code, name, names, all, members, dates, times);
    }
}
