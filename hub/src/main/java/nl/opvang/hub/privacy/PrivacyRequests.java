package nl.opvang.hub.privacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Conflict;
import nl.opvang.hub.http.NotFound;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.retention.EventKey;
import nl.opvang.hub.retention.Retention;
import nl.opvang.hub.store.Database;

/**
 * Rights requests made at a kiosk with a pass (docs/DESIGN.md §5, AVG art. 15, 17, 18): the privacy officer sees them
 * with their deadline and carries them out. Access is an export ({@link PrivacyExport}); erasure removes the token's
 * links at once as {@link Retention} does (figures already counted stay); restriction flags the token until lifted.
 * Every step is audited with the request's reference, the right and the outcome, never a token; erasures and
 * restrictions are also written to the {@link PrivacyLog}, which {@link #reapply} applies again after a restore.
 */
public final class PrivacyRequests {
    static final String RECEIVED = "privacy.received";
    static final String EXPORT = "privacy.export";
    static final String DONE = "privacy.done";
    static final String LIFT = "privacy.lift";
    static final String REAPPLIED = "privacy.reapplied";
    static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy").withZone(LOCAL);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm").withZone(LOCAL);

    private final Database database;
    private final Registry registry;
    private final AuditLog audit;
    private final PrivacyLog log;
    private final Clock clock;

    public PrivacyRequests(Database database, Registry registry, AuditLog audit, PrivacyLog log, Clock clock) {
        this.database = database;
        this.registry = registry;
        this.audit = audit;
        this.log = log;
        this.clock = clock;
    }

    /** Every request, the open ones first by deadline; records requests that arrived since the last look. */
    public List<PrivacyRequest> requests() {
        return database.transaction(connection -> {
            recordArrived(connection);
            return PrivacyStore.all(connection);
        });
    }

    /** One request; an unknown or malformed id is a Dutch 404. */
    public PrivacyRequest request(String id) {
        return database.transaction(connection -> find(connection, id));
    }

    /** The access export of a request, audited as {@code actor}; the same answer for no data and an unknown pass. */
    public PrivacyExport.Export export(String id, String actor) {
        return database.transaction(connection -> {
            PrivacyRequest request = find(connection, id);
            Optional<Long> token = PrivacyStore.tokenOf(connection, request);
            PrivacyExport.Export export = PrivacyExport.of(connection, registry, token);
            audit.append(connection, actor, EXPORT, request.reference(), request.asked() + ": "
                    + (export.found() ? "gegevens verstrekt" : "niets gevonden"));
            return export.found() ? export.withReads(PrivacyStore.exports(connection, request.reference())) : export;
        });
    }

    /** Carries out the right the request asks for; a request already done is a 409. */
    public PrivacyRequest carryOut(String id, String actor) {
        return database.transaction(connection -> {
            PrivacyRequest request = find(connection, id);
            if (!request.open()) {
                throw new Conflict("Dit verzoek is al afgehandeld: " + request.outcome());
            }
            Optional<Long> token = PrivacyStore.tokenOf(connection, request);
            String outcome = switch (request.asked()) {
                case "erasure" -> erase(connection, request, token);
                case "restriction" -> restrict(connection, request, token);
                default -> token.isPresent() && PrivacyExport.of(connection, registry, token).found()
                        ? "Inzage gegeven" : "Niets gevonden";
            };
            PrivacyStore.done(connection, request.request(), clock.millis(), actor, outcome);
            audit.append(connection, actor, DONE, request.reference(), request.asked() + ": " + outcome);
            return find(connection, id);
        });
    }

    /** Lifts the restriction a request set (AVG art. 18(3)): another audited step. */
    public PrivacyRequest lift(String id, String actor) {
        return database.transaction(connection -> {
            PrivacyRequest request = find(connection, id);
            Optional<Long> token = PrivacyStore.tokenOf(connection, request);
            if (!request.restricted() || token.isEmpty()) {
                throw new Conflict("Voor dit verzoek geldt geen beperking die kan worden opgeheven.");
            }
            log.append(new PrivacyLog.Step("lift", request.request(), clock.millis(),
                    Retention.linkedKeys(connection, token.get())));
            PrivacyStore.lift(connection, token.get());
            audit.append(connection, actor, LIFT, request.reference(), "beperking opgeheven");
            return find(connection, id);
        });
    }

    /**
     * The hub's minute tick: records (and audits) the requests that arrived, and applies the privacy log to what came
     * in since ({@link #reapply}), so that events a node sends again after a restore of an older backup are erased or
     * restricted as soon as they are back. Returns the changes the log made.
     */
    public int tick() {
        database.transaction(connection -> {
            recordArrived(connection);
            return null;
        });
        return reapply();
    }

    /**
     * Applies the privacy log again: every erasure, then for each restriction request its last step (restricted, or
     * lifted), so that after a restore of an older backup its erasures and restrictions hold again. Idempotent: a
     * state that already holds is left alone, so a restriction lifted long ago is not set and lifted again. Audited
     * only when it changed something. Called at every start and every minute ({@link #tick}).
     */
    public int reapply() {
        List<PrivacyLog.Step> steps = log.steps();
        if (steps.isEmpty()) {
            return 0;
        }
        Map<String, PrivacyLog.Step> restrictions = new LinkedHashMap<>();
        steps.stream().filter(step -> !step.action().equals("erase")).forEach(step -> restrictions.put(step.request(),
                step));
        return database.transaction(connection -> {
            int changed = 0;
            for (PrivacyLog.Step step : steps) {
                if (step.action().equals("erase")) {
                    changed += Retention.forgetEvents(connection, step.events()).unlinked();
                }
            }
            for (PrivacyLog.Step last : restrictions.values()) {
                changed += restriction(connection, last);
            }
            if (changed > 0) {
                audit.append(connection, "system", REAPPLIED, null, changed + " wijzigingen uit het privacylogboek opnieuw"
                        + " toegepast");
            }
            return changed;
        });
    }

    /** Brings the token of a restriction's events to the state of its last step; 1 when that changed something. */
    private static int restriction(Connection connection, PrivacyLog.Step last) throws SQLException {
        for (EventKey key : last.events()) {
            Optional<Long> token = PrivacyStore.tokenAt(connection, key);
            if (token.isPresent()) {
                boolean restricted = PrivacyStore.restricted(connection, token.get());
                if (last.action().equals("lift")) {
                    return restricted ? PrivacyStore.lift(connection, token.get()) : 0;
                }
                if (restricted) {
                    return 0;
                }
                PrivacyStore.restrict(connection, token.get(), last.request(), last.atMs());
                return 1;
            }
        }
        return 0;
    }

    private String erase(Connection connection, PrivacyRequest request, Optional<Long> token) throws SQLException {
        if (token.isEmpty()) {
            return "Niets gevonden";
        }
        List<EventKey> keys = Retention.linkedKeys(connection, token.get());
        log.append(new PrivacyLog.Step("erase", request.request(), clock.millis(), keys));
        int unlinked = Retention.forgetEvents(connection, keys).unlinked();
        return "Verwijderd: de koppeling van " + unlinked + " gebeurtenissen";
    }

    private String restrict(Connection connection, PrivacyRequest request, Optional<Long> token) throws SQLException {
        if (token.isEmpty()) {
            return "Niets gevonden";
        }
        log.append(new PrivacyLog.Step("restrict", request.request(), clock.millis(),
                Retention.linkedKeys(connection, token.get())));
        PrivacyStore.restrict(connection, token.get(), request.request(), clock.millis());
        return "Beperkt: de gegevens blijven bewaard en worden nergens getoond";
    }

    private PrivacyRequest find(Connection connection, String id) throws SQLException {
        String request;
        try {
            request = UUID.fromString(id == null ? "" : id.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw new NotFound("Onbekend verzoek: controleer het nummer van het verzoek.");
        }
        recordArrived(connection);
        return PrivacyStore.find(connection, request)
                .orElseThrow(() -> new NotFound("Onbekend verzoek: controleer het nummer van het verzoek."));
    }

    /** Records the requests that arrived since the last look, each audited with its reference, right and deadline. */
    private void recordArrived(Connection connection) throws SQLException {
        for (PrivacyRequest fresh : PrivacyStore.record(connection, received -> Instant.ofEpochMilli(received)
                .atZone(LOCAL).plusMonths(1).toInstant().toEpochMilli())) {
            audit.append(connection, "system", RECEIVED, fresh.reference(), fresh.asked() + ": ontvangen van de kiosk van "
                    + PrivacyExport.locationName(registry, fresh.site()) + " op "
                    + MINUTE.format(Instant.ofEpochMilli(fresh.receivedMs())) + ", uiterlijk af op "
                    + DAY.format(Instant.ofEpochMilli(fresh.deadlineMs())));
        }
    }
}
