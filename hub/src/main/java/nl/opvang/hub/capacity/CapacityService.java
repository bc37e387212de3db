package nl.opvang.hub.capacity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.Conflict;
import nl.opvang.hub.http.NotFound;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.LocationDates;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Kind;

/**
 * Capacity over time (docs/DESIGN.md §4): plans, cancels and lists capacity changes, and retires locations. Every
 * refusal is a Dutch 400/409 before anything is written; every change is audited with who and why, in the transaction
 * that makes it. What reaches the nodes is {@link CapacityLink}'s.
 */
public final class CapacityService {
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** A start this far in the past is taken as "now" (a form filled in a minute ago). */
    static final Duration GRACE = Duration.ofMinutes(1);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d-M-yyyy HH:mm", Locale.forLanguageTag("nl"))
            .withZone(ZONE);

    private final Database database;
    private final CapacityLimits limits;
    private final LocationDates dates;
    private final AuditLog audit;
    private final Clock clock;

    public CapacityService(Database database, Registry registry, AvailabilityProjection projection, LocationDates dates,
                           AuditLog audit, Clock clock) {
        this.database = database;
        this.limits = new CapacityLimits(registry, projection);
        this.dates = dates;
        this.audit = audit;
        this.clock = clock;
    }

    /** The locations' dates: the region file's opening dates written, the retirements read (at start). */
    public static LocationDates dates(Database database, Region region) {
        return new LocationDates(database.transaction(c -> {
            CapacityStore.seedOpens(c, region, ZONE);
            return CapacityStore.dates(c);
        }));
    }

    /** What a caller asks for: {@code from} {@code null} means now, {@code until} {@code null} until cancelled. */
    public record Plan(String site, Kind kind, Integer capacity, Instant from, Instant until, String reason) {
    }

    /** Plans a change, or refuses it with a Dutch 400/404/409 and writes nothing. */
    public CapacityChange plan(Principal principal, Plan plan) {
        Instant now = clock.instant();
        String reason = reason(plan.reason());
        Location location = known(plan.site());
        if (plan.kind() == null) {
            throw new BadRequest("Kies een soort plek: regular, crisis, nood, opstart of family");
        }
        Optional<Boolean> beds = CapacityLimits.beds(location, plan.kind());
        if (beds.isEmpty()) {
            throw new BadRequest(location.name() + " heeft geen " + Words.kind(plan.kind(), 2) + "; kies een soort die er is");
        }
        if (plan.capacity() == null || plan.capacity() < 0) {
            throw new BadRequest("Geef de nieuwe capaciteit: een getal van 0 of meer");
        }
        int capacity = plan.capacity();
        Instant from = plan.from() == null ? now : plan.from();
        if (from.isBefore(now.minus(GRACE))) {
            throw new BadRequest("Het begin (" + shown(from) + ") ligt in het verleden; kies nu of later");
        }
        from = from.isBefore(now) ? now : from;
        if (plan.until() != null && !plan.until().isAfter(from)) {
            throw new BadRequest("Het einde (" + shown(plan.until()) + ") moet na het begin (" + shown(from) + ") liggen");
        }
        int configured = CapacityLimits.configured(location, plan.kind());
        if (capacity > configured) {
            throw new BadRequest(beds.get()
                    ? location.name() + " heeft " + configured + " bedden van deze soort; er kunnen geen bedden bij komen die er"
                            + " niet zijn (meer bedden: pas het regiobestand en de node aan)"
                    : location.name() + " kan hoogstens " + configured + " " + Words.kind(plan.kind(), configured)
                            + " tonen, zoals de node is ingesteld (meer plekken: pas het regiobestand en de node aan)");
        }
        Optional<LocationDates.Dates> own = dates.of(location.code());
        if (own.isPresent() && own.get().retired() != null && !from.isBefore(own.get().retired())) {
            throw new Conflict(location.name() + " is opgeheven per " + shown(own.get().retired()));
        }
        if (!from.isAfter(now.plus(GRACE))) {
            int occupied = limits.occupied(location, plan.kind());
            if (capacity < occupied) {
                throw new Conflict("Er zijn nu " + occupied + " " + Words.kind(plan.kind(), occupied) + " bezet bij "
                        + location.name() + "; de capaciteit kan nu niet lager dan " + occupied);
            }
        }
        Instant start = from;
        CapacityChange draft = new CapacityChange(0, location.code(), plan.kind(), capacity, start, plan.until(), reason,
                principal.username(), now, null, null, null);
        return database.transaction(c -> {
            for (CapacityChange other : CapacityStore.of(c, location.code(), plan.kind())) {
                if (other.overlaps(start, plan.until())) {
                    throw new Conflict("Er is al een wijziging voor " + location.name() + " (" + Words.kind(plan.kind(), 2)
                            + ") van " + shown(other.from()) + (other.end() == null ? "" : " tot " + shown(other.end()))
                            + "; trek die eerst in of kies andere tijden");
                }
            }
            long id = CapacityStore.insert(c, draft);
            audit.append(c, principal.username(), "capacity.planned", location.code(), "#" + id + " " + plan.kind().wire()
                    + " " + capacity + " van " + start + " tot " + (plan.until() == null ? "-" : plan.until())
                    + "; reden: " + reason);
            return CapacityStore.find(c, id).orElseThrow();
        });
    }

    /** Cancels a planned or running change; an ended or cancelled one is a 409. */
    public CapacityChange cancel(Principal principal, long id, String why) {
        Instant now = clock.instant();
        return database.transaction(c -> {
            CapacityChange change = CapacityStore.find(c, id)
                    .orElseThrow(() -> new NotFound("Deze capaciteitswijziging bestaat niet"));
            CapacityChange.State state = change.state(now);
            if (state == CapacityChange.State.ENDED || state == CapacityChange.State.CANCELLED) {
                throw new Conflict("Deze wijziging is al " + (state == CapacityChange.State.ENDED ? "voorbij" : "ingetrokken"));
            }
            CapacityStore.cancel(c, id, principal.username(), now);
            if (state == CapacityChange.State.PLANNED) {
                // Never took effect: nothing to put back at the node.
                CapacityStore.restored(c, id, now);
            }
            audit.append(c, principal.username(), "capacity.cancelled", change.site(), "#" + id + " " + change.kind().wire()
                    + " " + change.capacity() + (why == null || why.isBlank() ? "" : "; reden: " + why.strip()));
            return CapacityStore.find(c, id).orElseThrow();
        });
    }

    /** The calendar: the most recent changes in the order they take effect. */
    public List<CapacityChange> recent() {
        return database.read(CapacityStore::recent);
    }

    /** The location's limit for a kind at a time: an active change's capacity, else the registry's. */
    public int effective(String site, Kind kind, Instant at) {
        Location location = known(site);
        return database.read(c -> CapacityStore.of(c, site, kind)).stream().filter(change -> change.activeAt(at))
                .findFirst().map(CapacityChange::capacity).orElse(CapacityLimits.configured(location, kind));
    }

    /**
     * Opens a location that is not open yet (a prepared overflow site whose region file says {@code opens}) at {@code
     * at} ({@code null}: now), earlier or later than the file said; refused for a location already open or retired.
     */
    public LocationDates.Dates open(Principal principal, String site, Instant at, String why) {
        Instant now = clock.instant();
        Location location = limits.location(site).orElseThrow(() -> new NotFound("Onbekende locatie: " + site));
        String reason = reason(why);
        Instant when = at == null ? now : at;
        if (when.isBefore(now.minus(GRACE))) {
            throw new BadRequest("De datum (" + shown(when) + ") ligt in het verleden; kies nu of later");
        }
        Optional<LocationDates.Dates> own = dates.of(site);
        if (own.isEmpty() || own.get().opens() == null || !own.get().opens().isAfter(now)) {
            throw new Conflict(location.name() + " is al open");
        }
        Instant retired = own.get().retired();
        if (retired != null && !when.isBefore(retired)) {
            throw new Conflict(location.name() + " is opgeheven per " + shown(retired) + "; openen kan alleen daarvoor");
        }
        Instant effective = when.isBefore(now) ? now : when;
        LocationDates.Dates next = new LocationDates.Dates(effective, retired, own.get().reason());
        database.transaction(c -> {
            CapacityStore.open(c, site, effective);
            audit.append(c, principal.username(), "location.opened", site, "per " + effective + "; reden: " + reason);
            return null;
        });
        dates.put(site, next);
        return next;
    }

    /** Retires a location at {@code at} ({@code null}: now); its node and history stay. */
    public LocationDates.Dates retire(Principal principal, String site, Instant at, String why) {
        Instant now = clock.instant();
        Location location = limits.location(site).orElseThrow(() -> new NotFound("Onbekende locatie: " + site));
        String reason = reason(why);
        Instant when = at == null ? now : at;
        if (when.isBefore(now.minus(GRACE))) {
            throw new BadRequest("De datum (" + shown(when) + ") ligt in het verleden; kies nu of later");
        }
        Optional<LocationDates.Dates> own = dates.of(site);
        if (own.isPresent() && own.get().retired() != null && !own.get().retired().isAfter(now)) {
            throw new Conflict(location.name() + " is al opgeheven per " + shown(own.get().retired()));
        }
        Instant effective = when.isBefore(now) ? now : when;
        LocationDates.Dates next = new LocationDates.Dates(own.map(LocationDates.Dates::opens).orElse(null), effective,
                reason);
        database.transaction(c -> {
            CapacityStore.retire(c, site, effective, reason);
            audit.append(c, principal.username(), "location.retired", site, "per " + effective + "; reden: " + reason);
            return null;
        });
        dates.put(site, next);
        return next;
    }

    CapacityLimits limits() {
        return limits;
    }

    LocationDates dates() {
        return dates;
    }

    Instant now() {
        return clock.instant();
    }

    private Location known(String site) {
        if (site == null || site.isBlank()) {
            throw new BadRequest("Kies een locatie");
        }
        return limits.location(site).orElseThrow(() -> new BadRequest("Onbekende locatie: " + site));
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BadRequest("Geef een reden (wie vroeg het, waarom)");
        }
        String text = reason.strip();
        if (text.length() > 200) {
            throw new BadRequest("De reden is te lang (hoogstens 200 tekens)");
        }
        return text;
    }

    static String shown(Instant at) {
        return SHOWN.format(at);
    }
}
