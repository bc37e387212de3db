package nl.opvang.hub.coldweather;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.Conflict;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.placement.CommandSender;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cold-weather mode (koudweerregeling, docs/DESIGN.md §4) for the hub's region: CT or an admin switches it on until an
 * end time for the locations with noodbedden, extends it by switching it on again, or switches it off early; it
 * switches itself off at the end time, also when the hub was down then ({@link #endIfDue} at start and every tick).
 * Every switch is stored (the periods are kept) and audited with who and why, in one transaction. What the nodes must
 * do follows from the stored state alone ({@link NoodReconciler}), so a command is repeated until the node confirms.
 */
public final class ColdWeather {
    /** The actor of the switch-off at the end time. */
    public static final String SYSTEM = "system";
    /** The reason of the switch-off at the end time. */
    public static final String END_TIME = "eindtijd";
    static final String ON = "cold_weather.on";
    static final String EXTENDED = "cold_weather.extended";
    static final String OFF = "cold_weather.off";
    static final String ENDED = "cold_weather.ended";
    /** The furthest end time: the mode is for a cold spell, renewed as the forecast goes, not left on for a season. */
    static final Duration LONGEST = Duration.ofDays(14);
    private static final LocalTime DEFAULT_END = LocalTime.NOON;
    private static final Logger LOG = LoggerFactory.getLogger(ColdWeather.class);

    private final Database database;
    private final Registry registry;
    private final AuditLog audit;
    private final Clock clock;
    private final NoodReconciler reconciler;
    private final DeskNood desk;
    private volatile Period current;

    public ColdWeather(Database database, Registry registry, AvailabilityProjection projection, AuditLog audit,
                       CommandSender sender, Clock clock, MeterRegistry metrics) {
        this.database = database;
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
        this.reconciler = new NoodReconciler(database, registry, projection, sender, clock);
        this.desk = new DeskNood(this, database, audit, clock);
        this.current = database.read(connection -> ColdWeatherStore.open(connection, registry.regionCode())).orElse(null);
        Gauge.builder("opvang.cold.weather.on", this, mode -> mode.until() == null ? 0 : 1)
                .description("1 while cold-weather mode is on").register(metrics);
        Gauge.builder("opvang.cold.weather.waiting.nodes", reconciler, NoodReconciler::waiting)
                .description("Nodes that have not yet done what cold-weather mode wants (open, or close once free)")
                .register(metrics);
    }

    /** Ends the mode when its end time has passed, then brings the nodes in line: the hub's ticker, every second. */
    public void tick() {
        endIfDue();
        reconciler.reconcile(active());
    }

    /**
     * Switches the mode off when its end time has passed, by the system with reason {@value #END_TIME}; at start this
     * ends a period whose end came while the hub was down.
     */
    public synchronized void endIfDue() {
        Period period = current;
        if (period == null || clock.instant().isBefore(period.until())) {
            return;
        }
        end(SYSTEM, END_TIME, period.id());
    }

    /** Until when the mode is on, or {@code null} when it is off (for the kiosks' counts topic). */
    public Instant until() {
        Period period = active().orElse(null);
        return period == null ? null : period.until();
    }

    /** The open period, unless its end time has passed (then it is about to be ended). */
    Optional<Period> active() {
        Period period = current;
        return period == null || !clock.instant().isBefore(period.until()) ? Optional.empty() : Optional.of(period);
    }

    /** What a switch did: switched on, or extended (changed) an open period. */
    record Switched(Period period, boolean extended) {
    }

    /** Switches the mode on, or extends it when it is on; bad input changes nothing. */
    synchronized Switched switchOn(Principal by, SwitchRequest request) {
        Instant now = clock.instant();
        Instant until = until(request.until());
        List<String> sites = sites(request.sites());
        String reason = SwitchRequest.reason(request.reason());
        Switched switched = database.transaction(connection -> {
            Optional<Period> open = ColdWeatherStore.open(connection, registry.regionCode());
            if (open.isPresent()) {
                ColdWeatherStore.extend(connection, open.get().id(), now.toEpochMilli(), by.username(), reason,
                        until.toEpochMilli(), sites);
            } else {
                ColdWeatherStore.start(connection, registry.regionCode(), now.toEpochMilli(), by.username(), reason,
                        until.toEpochMilli(), sites);
            }
            audit.append(connection, by.username(), open.isPresent() ? EXTENDED : ON, registry.regionCode(),
                    "tot " + until + "; locaties " + String.join(",", sites) + "; reden: " + reason);
            return new Switched(reload(connection), open.isPresent());
        });
        current = switched.period();
        LOG.info("Cold-weather mode {} by {} until {} for {}", switched.extended() ? "extended" : "on", by.username(),
                switched.period().until(), switched.period().sites());
        reconciler.reconcile(active());
        return switched;
    }

    /** Switches the mode off early. Synchronized with the other switches, so that {@code current} is the last commit. */
    synchronized Period switchOff(Principal by, String reasonText) {
        String reason = SwitchRequest.reason(reasonText);
        Period period = current;
        if (period == null) {
            throw new Conflict("De koudweerregeling staat niet aan");
        }
        Period ended = end(by.username(), reason, period.id());
        reconciler.reconcile(active());
        return ended;
    }

    private Period end(String by, String reason, long id) {
        Instant now = clock.instant();
        Period ended = database.transaction(connection -> {
            Optional<Period> open = ColdWeatherStore.open(connection, registry.regionCode());
            if (open.isEmpty() || open.get().id() != id) {
                return null;
            }
            ColdWeatherStore.end(connection, id, now.toEpochMilli(), by, reason);
            audit.append(connection, by, by.equals(SYSTEM) ? ENDED : OFF, registry.regionCode(),
                    "was aan tot " + open.get().until() + "; reden: " + reason);
            return ColdWeatherStore.history(connection, registry.regionCode(), 1).get(0);
        });
        if (ended == null) {
            throw new Conflict("De koudweerregeling staat niet aan");
        }
        current = null;
        LOG.info("Cold-weather mode off by {}: {}", by, reason);
        return ended;
    }

    /**
     * An end time asked for ({@code null}: the default), checked: after now, at most {@link #LONGEST} ahead; in
     * milliseconds, as the database and the nodes keep it, so that what is audited is what is stored.
     */
    Instant until(Instant requested) {
        Instant now = clock.instant();
        Instant until = (requested == null ? defaultUntil() : requested).truncatedTo(ChronoUnit.MILLIS);
        if (!until.isAfter(now)) {
            throw new BadRequest("De eindtijd ligt in het verleden; kies een tijd na nu");
        }
        if (until.isAfter(now.plus(LONGEST))) {
            throw new BadRequest("De eindtijd ligt te ver weg: hoogstens " + LONGEST.toDays()
                    + " dagen vooruit; verleng later opnieuw");
        }
        return until;
    }

    /** Brings the nodes in line now (after a desk's request), as the ticker does every second. */
    void reconcileNow() {
        reconciler.reconcile(active());
    }

    /** The VO desks' own switch for their locations' noodbedden (docs/DESIGN.md §4), sharing this reconciler. */
    DeskNood desk() {
        return desk;
    }

    private Period reload(Connection connection) throws SQLException {
        return ColdWeatherStore.open(connection, registry.regionCode()).orElseThrow();
    }

    /** The default end: 12:00 (Europe/Amsterdam) the next day, when a night of the shelters ends (§4). */
    Instant defaultUntil() {
        ZonedDateTime local = clock.instant().atZone(SwitchRequest.LOCAL);
        return local.toLocalDate().plusDays(1).atTime(DEFAULT_END).atZone(SwitchRequest.LOCAL).toInstant();
    }

    /** The chosen locations, checked; none chosen means every location with noodbedden. */
    private List<String> sites(List<String> chosen) {
        if (chosen == null) {
            return noodLocations().stream().map(Location::code).toList();
        }
        if (chosen.isEmpty()) {
            throw new BadRequest("Kies minstens één locatie met noodbedden");
        }
        Set<String> sites = new LinkedHashSet<>();
        for (String code : chosen) {
            Location location = registry.location(code == null ? "" : code)
                    .orElseThrow(() -> new BadRequest("Onbekende locatie: " + code));
            if (noodCapacity(location) == 0) {
                throw new BadRequest("Locatie " + location.name() + " heeft geen noodbedden");
            }
            sites.add(location.code());
        }
        return sites.stream().sorted().toList();
    }

    /** The region's locations with noodbedden (count-only {@code nood} places), by code. */
    List<Location> noodLocations() {
        List<Location> result = new ArrayList<>();
        for (Location location : registry.locations()) {
            if (noodCapacity(location) > 0) {
                result.add(location);
            }
        }
        result.sort(Comparator.comparing(Location::code));
        return result;
    }

    static int noodCapacity(Location location) {
        int capacity = 0;
        for (NodeSpec node : location.nodes()) {
            capacity += noodPlace(node).map(PlaceSpec::capacity).orElse(0);
        }
        return capacity;
    }

    static Optional<PlaceSpec> noodPlace(NodeSpec node) {
        return node.places().stream().filter(place -> place.counted() && place.kind() == Kind.NOOD).findFirst();
    }

    /** The recent periods, newest first (history for CT and admins). */
    List<Period> history(int limit) {
        return database.read(connection -> ColdWeatherStore.history(connection, registry.regionCode(), limit));
    }

    /** Per node with noodbedden: what the mode wants and what the node reports. */
    List<NoodReconciler.NodeStatus> nodes() {
        return reconciler.statuses(active(), clock.millis());
    }

    Optional<Location> location(String code) {
        return registry.location(code);
    }

    Instant now() {
        return clock.instant();
    }
}
