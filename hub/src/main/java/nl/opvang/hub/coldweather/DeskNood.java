package nl.opvang.hub.coldweather;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.Conflict;
import nl.opvang.hub.http.Forbidden;
import nl.opvang.hub.http.NotFound;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.location.Domain;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.store.Database;

/**
 * A VO desk opens or closes its own locations' noodbedden through the hub (docs/DESIGN.md §4 "Noodbedden by the
 * desk"): its provider's locations of domain {@code vo}. The request is stored and audited with who and why in one
 * transaction, and the cold-weather {@link NoodReconciler} sends {@code open_nood} or {@code close_nood} until the
 * node confirms, as it does for the mode. While the mode covers a location it is the region's decision: the desk's
 * switch is refused there (409).
 */
final class DeskNood {
    static final String OPENED = "nood.opened";
    static final String CLOSED = "nood.closed";
    static final String OWN_ONLY = "U opent of sluit alleen de noodbedden van de eigen locaties van uw vrouwenopvang";

    private final ColdWeather coldWeather;
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    DeskNood(ColdWeather coldWeather, Database database, AuditLog audit, Clock clock) {
        this.coldWeather = coldWeather;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** The desk's standing request for a location: open until, or closed; why and when. */
    record Asked(boolean open, Instant until, String reason, Instant at) {
    }

    /** One location's noodbedden as the desk sees them: what the node reports, the hub's status text, the mode. */
    record Site(String site, String name, int capacity, boolean open, int occupied, Instant openUntil, String freshness,
                String status, String text, Instant coldWeatherUntil, Asked asked) {
    }

    record Answer(List<Site> locations) {
    }

    /** The caller's own locations with noodbedden. */
    Answer of(Principal principal) {
        Map<String, NoodRequestStore.Request> requests = database.read(NoodRequestStore::all).stream()
                .collect(Collectors.toMap(NoodRequestStore.Request::site, request -> request));
        Optional<Period> active = coldWeather.active();
        List<Site> sites = new ArrayList<>();
        for (NoodReconciler.NodeStatus node : coldWeather.nodes()) {
            Location location = coldWeather.location(node.site()).orElseThrow();
            if (!own(principal, location)) {
                continue;
            }
            NoodRequestStore.Request request = requests.get(node.site());
            Instant mode = active.filter(period -> period.sites().contains(node.site())).map(Period::until).orElse(null);
            sites.add(new Site(node.site(), location.name(), node.capacity(), node.open(), node.occupied(),
                    node.openUntil(), node.freshness(), node.status(), node.text(), mode, request == null ? null
                    : new Asked(request.open(), request.until(), request.reason(), request.at())));
        }
        return new Answer(sites);
    }

    /** Opens (until {@code until}, {@code null}: the default end) or closes a location's noodbedden. */
    synchronized Site change(Principal by, String code, Boolean open, Instant until, String reasonText) {
        Location location = coldWeather.location(code).orElseThrow(() -> new NotFound("Onbekende locatie: " + code));
        if (!own(by, location)) {
            throw new Forbidden(OWN_ONLY);
        }
        if (ColdWeather.noodCapacity(location) == 0) {
            throw new BadRequest("Locatie " + location.name() + " heeft geen noodbedden");
        }
        if (open == null) {
            throw new BadRequest("Zeg met open (true of false) of de noodbedden open of dicht moeten");
        }
        String reason = SwitchRequest.reason(reasonText);
        Optional<Period> mode = coldWeather.active().filter(period -> period.sites().contains(code));
        if (mode.isPresent()) {
            throw new Conflict("De koudweerregeling houdt deze noodbedden open tot " + mode.get().until()
                    + "; de Centrale Toegang beslist daarover");
        }
        Instant end = open ? coldWeather.until(until) : null;
        if (!open && current(by, code).map(site -> !site.open() && !"waiting".equals(site.status())).orElse(true)) {
            throw new Conflict("De noodbedden van " + location.name() + " zijn al gesloten");
        }
        Instant now = clock.instant();
        database.transaction(connection -> {
            NoodRequestStore.put(connection, new NoodRequestStore.Request(code, open, end, by.username(), reason, now));
            audit.append(connection, by.username(), open ? OPENED : CLOSED, code,
                    (open ? "open tot " + end : "dicht") + "; reden: " + reason);
            return null;
        });
        coldWeather.reconcileNow();
        return current(by, code).orElseThrow();
    }

    private Optional<Site> current(Principal principal, String code) {
        return of(principal).locations().stream().filter(site -> site.site().equals(code)).findFirst();
    }

    /** A VO desk's own: its provider's locations of the vrouwenopvang. */
    static boolean own(Principal principal, Location location) {
        return principal.role() == Role.VO_DESK && location.audience().domain() == Domain.VO
                && location.provider().equals(principal.scope());
    }
}
