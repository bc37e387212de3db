package nl.opvang.hub.coldweather;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.opvang.hub.availability.Visibility;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.location.Location;

/**
 * The answer of {@code GET /api/v1/cold-weather} for one caller. Every account learns whether the mode is on, until
 * when and why; which locations it covers follows what the role may see of locations (docs/DESIGN.md §5: Veilig Thuis
 * never a location's code, night staff and VO desks no secret one); CT and admins also get the form's defaults, the
 * locations with noodbedden and per node whether it confirmed, and the recent periods.
 */
final class ColdWeatherView {
    private static final int HISTORY = 5;
    private final ColdWeather coldWeather;

    ColdWeatherView(ColdWeather coldWeather) {
        this.coldWeather = coldWeather;
    }

    /** The answer; {@code locations}, {@code nodes}, {@code history} and the defaults only for CT and admins. */
    record Answer(boolean active, Instant until, Instant since, String reason, List<String> sites, boolean maySwitch,
                  Instant defaultUntil, String defaultUntilLocal, Instant latestUntil, List<Choice> locations,
                  List<NoodReconciler.NodeStatus> nodes, List<PeriodView> history) {
    }

    /** A location CT may choose: its code, name and number of noodbedden. */
    record Choice(String code, String name, int noodbedden) {
    }

    /** A past or open period, for CT and admins. */
    record PeriodView(Instant since, String by, String reason, Instant until, Instant changedAt, String changedBy,
                      Instant endedAt, String endedBy, String endReason, List<String> sites) {
        static PeriodView of(Period period) {
            return new PeriodView(period.startedAt(), period.startedBy(), period.reason(), period.until(),
                    period.changedAt(), period.changedBy(), period.endedAt(), period.endedBy(), period.endReason(),
                    period.sites());
        }
    }

    Answer of(Principal principal) {
        Optional<Period> active = coldWeather.active();
        boolean switcher = principal.role() == Role.CT || principal.role() == Role.ADMIN;
        Instant until = active.map(Period::until).orElse(null);
        Instant since = active.map(Period::startedAt).orElse(null);
        String reason = active.map(Period::reason).orElse(null);
        List<String> sites = active.map(period -> visibleSites(period, principal)).orElse(List.of());
        if (!switcher) {
            return new Answer(active.isPresent(), until, since, reason, sites, false, null, null, null, null, null, null);
        }
        boolean names = principal.role() == Role.CT;
        List<Choice> locations = new ArrayList<>();
        for (Location location : coldWeather.noodLocations()) {
            locations.add(new Choice(location.code(), name(location, names), ColdWeather.noodCapacity(location)));
        }
        List<NoodReconciler.NodeStatus> nodes = new ArrayList<>();
        for (NoodReconciler.NodeStatus node : coldWeather.nodes()) {
            boolean secret = coldWeather.location(node.site()).map(Location::secret).orElse(true);
            nodes.add(names || !secret ? node : new NoodReconciler.NodeStatus(node.site(), Visibility.SECRET_NAME,
                    node.node(), node.capacity(), node.desired(), node.open(), node.occupied(), node.openUntil(),
                    node.freshness(), node.status(), node.text()));
        }
        Instant defaultUntil = coldWeather.defaultUntil();
        String local = LocalDateTime.ofInstant(defaultUntil, SwitchRequest.LOCAL).toString();
        return new Answer(active.isPresent(), until, since, reason, sites, true, defaultUntil, local,
                coldWeather.now().plus(ColdWeather.LONGEST), locations, nodes,
                coldWeather.history(HISTORY).stream().map(PeriodView::of).toList());
    }

    private List<String> visibleSites(Period period, Principal principal) {
        return switch (principal.role()) {
            case CT, ADMIN -> period.sites();
            case VEILIG_THUIS -> List.of();
            default -> period.sites().stream()
                    .filter(site -> !coldWeather.location(site).map(Location::secret).orElse(true)).toList();
        };
    }

    private static String name(Location location, boolean names) {
        return names || !location.secret() ? location.name() : Visibility.SECRET_NAME;
    }
}
