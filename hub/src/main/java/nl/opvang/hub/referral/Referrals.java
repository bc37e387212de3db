package nl.opvang.hub.referral;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.Conflict;
import nl.opvang.hub.http.Forbidden;
import nl.opvang.hub.http.NotFound;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.location.TargetGroup;
import nl.opvang.hub.placement.Hold;
import nl.opvang.hub.placement.HoldProblem;
import nl.opvang.hub.placement.HoldRequest;
import nl.opvang.hub.placement.HoldService;
import nl.opvang.hub.placement.HoldState;
import nl.opvang.hub.store.DataKey;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.ProtocolException;

/**
 * Referrals to the vrouwenopvang (docs/DESIGN.md §4, issue 14): Veilig Thuis sends one to a VO provider's access desk;
 * the desk accepts it onto a free place of one of its VO locations (an accepted hold, made through {@link HoldService}
 * in the transaction that accepts), or for a partner region's shelter, or refuses it with a reason; Veilig Thuis can
 * withdraw it. A referral holds no place until accepted, so two for the last place both reach the desk. Notes and
 * instructions are sealed with the data folder's key and deleted when the referral ends; audit entries never hold them.
 */
public final class Referrals {
    /** An accepted referral for elsewhere ends (notes and instructions deleted) this long after the answer. */
    static final Duration ELSEWHERE_KEPT = Duration.ofHours(2);
    /** A referral no desk answered ends after a day: the notes are not kept longer. */
    static final Duration UNANSWERED_KEPT = Duration.ofHours(24);

    private final Database database;
    private final HoldService holds;
    private final VoDesks desks;
    private final AuditLog audit;
    private final DataKey key;
    private final Clock clock;
    private final List<Consumer<Referral>> listeners = new CopyOnWriteArrayList<>();

    /** Referrals to desks that all answer within {@link Region#RESPONSE_TIME}. */
    public Referrals(Database database, HoldService holds, Registry registry, AuditLog audit,
                     DataKey key, Clock clock) {
        this(database, holds, registry, audit, key, clock, provider -> Region.RESPONSE_TIME);
    }

    /** {@code responseTimes}: how soon each desk answers (the region file's {@code desks}), after which VT calls. */
    public Referrals(Database database, HoldService holds, Registry registry, AuditLog audit,
                     DataKey key, Clock clock, Function<String, Duration> responseTimes) {
        this.database = database;
        this.holds = holds;
        this.desks = new VoDesks(registry, responseTimes);
        this.audit = audit;
        this.key = key;
        this.clock = clock;
        holds.subscribe(this::holdChanged);
    }

    VoDesks desks() {
        return desks;
    }

    Referral create(Principal principal, ReferralBody.Create body) {
        List<Location> locations = desks.of(body.desk());
        int adults = count(body.adults(), 1, "volwassenen");
        int children = count(body.children(), 0, "kinderen");
        if (adults + children == 0) {
            throw new BadRequest("Meld ten minste één persoon aan");
        }
        Referral.Urgency urgency = Referral.Urgency.fromWire(body.urgency());
        if (body.group() != null) {
            TargetGroup group = TargetGroup.fromWire(body.group()).orElseThrow(() -> new BadRequest(
                    "Onbekende doelgroep: kies uit " + TargetGroup.wireNames()));
            if (!desks.serves(body.desk(), group)) {
                throw new Conflict("Deze vrouwenopvang heeft geen plaatsen voor deze doelgroep");
            }
        }
        if (children > 0 && !desks.takesChildren(body.desk())) {
            throw new Conflict("Deze vrouwenopvang heeft geen plaatsen voor iemand met kinderen; bel het 24/7-nummer");
        }
        String notes = body.notes() == null || body.notes().isBlank() ? null
                : HoldProblem.text("notes", body.notes(), "Schrijf de aandachtspunten");
        Instant now = clock.instant();
        Referral referral = new Referral(UUID.randomUUID(), body.desk(), locations.get(0).region(), urgency, adults,
                children, Referral.State.REQUESTED, principal.accountId(), principal.username(), now,
                now.plus(desks.responseTime(body.desk())), null, null, null, null, null, null, false);
        database.transaction(c -> {
            ReferralStore.insert(c, referral, notes == null ? null : key.seal(context(referral.id(), "notes"), notes));
            audit.append(c, principal.username(), "referral.requested", subject(referral), referral.auditDetail());
            return null;
        });
        return published(referral);
    }

    /**
     * The desk accepts: onto a free place of {@code kind} at {@code site}, one of its VO locations (a hold made in the
     * same transaction; 409 when the place was taken), or {@code elsewhere} with instructions only.
     */
    Referral accept(Principal desk, UUID id, ReferralBody.Accept body) {
        String instructions = HoldProblem.text("instructions", body.instructions(), "Schrijf wat Veilig Thuis moet weten");
        String sealed = key.seal(context(id, "instructions"), instructions);
        Referral current = answerable(desk, id);
        if (Boolean.TRUE.equals(body.elsewhere())) {
            return published(database.transaction(c -> write(c, desk.username(),
                    requested(c, desk, id).placed(null, null, null, true, clock.instant()), sealed, "referral.accepted")));
        }
        Kind kind = kind(body.kind());
        Location location = desks.location(body.site()).filter(each -> each.audience().vo()
                && each.provider().equals(desk.scope())).orElseThrow(() -> new BadRequest("Kies een van uw locaties"));
        if (current.children() > 0 && !location.audience().takesChildren(kind)) {
            throw new Conflict("Deze plek is niet voor iemand met kinderen; kies een gezins- of jonge-moedersplek");
        }
        Referral[] accepted = new Referral[1];
        holds.createAccepted(desk, new HoldRequest(location.code(), kind, blank(body.bed())), (c, hold) -> {
            accepted[0] = write(c, desk.username(), requested(c, desk, id).placed(hold.id(), hold.site(), hold.kind(),
                    false, clock.instant()), sealed, "referral.accepted");
        });
        return published(accepted[0]);
    }

    Referral refuse(Principal desk, UUID id, String reason) {
        String text = HoldProblem.text("reason", reason, "Geef een reden");
        return published(database.transaction(c -> write(c, desk.username(),
                requested(c, desk, id).refused(text, clock.instant()), null, "referral.refused")));
    }

    /** Veilig Thuis withdraws its referral; an accepted one gives up its place (the hold is cancelled). */
    Referral withdraw(Principal principal, UUID id) {
        Referral withdrawn = database.transaction(c -> {
            Referral referral = visible(c, principal, id);
            if (referral.requesterId() != principal.accountId()) {
                throw new Forbidden("Alleen wie de aanmelding deed kan haar intrekken");
            }
            if (!referral.state().active()) {
                throw new Conflict("Deze aanmelding is al afgesloten");
            }
            return write(c, principal.username(), referral.with(Referral.State.WITHDRAWN, clock.instant()), null,
                    "referral.withdrawn");
        });
        if (withdrawn.hold() != null) {
            try {
                holds.withdraw(withdrawn.hold(), principal.username());
            } catch (HoldProblem e) {
                // The hold ended meanwhile (a check-in, expiry): nothing left to give up.
            }
        }
        return published(withdrawn);
    }

    /** Ends referrals accepted for elsewhere two hours ago, and those no desk answered in a day. */
    public void endDue() {
        long now = clock.millis();
        List<Referral> ended = database.transaction(c -> {
            List<Referral> changed = new ArrayList<>();
            for (Referral due : ReferralStore.due(c, now - ELSEWHERE_KEPT.toMillis(), now - UNANSWERED_KEPT.toMillis())) {
                changed.add(write(c, "system", due.with(Referral.State.ENDED, clock.instant()), null, "referral.ended"));
            }
            return changed;
        });
        ended.forEach(this::published);
    }

    /** Referrals the caller may see, newest first: Veilig Thuis its own, a desk those sent to it. */
    List<Referral> list(Principal principal) {
        return database.read(ReferralStore::recent).stream().filter(referral -> maySee(principal, referral)).toList();
    }

    Referral get(Principal principal, UUID id) {
        return database.read(c -> visible(c, principal, id));
    }

    /** The desk reads the notes of an active referral; nobody else. */
    Optional<String> notes(Principal principal, Referral referral) {
        return mayAnswer(principal, referral) && referral.state().active() ? opened(referral.id(), "notes") : Optional.empty();
    }

    /** The requester reads the desk's instructions of an accepted referral; nobody else. */
    Optional<String> instructions(Principal principal, Referral referral) {
        return referral.requesterId() == principal.accountId() && referral.state() == Referral.State.ACCEPTED
                ? opened(referral.id(), "instructions") : Optional.empty();
    }

    static boolean mayAnswer(Principal principal, Referral referral) {
        return principal.role() == Role.VO_DESK && referral.desk().equals(principal.scope());
    }

    static boolean maySee(Principal principal, Referral referral) {
        return referral.requesterId() == principal.accountId() || mayAnswer(principal, referral);
    }

    /** Registers a listener for changed referrals, called after each commit; it must not block. */
    Runnable subscribe(Consumer<Referral> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The desk's hold ended: the referral ends with it, or goes back to the queue when the place was taken. */
    private void holdChanged(Hold hold) {
        if (hold.requesterRole() != Role.VO_DESK || hold.state().active()) {
            return;
        }
        Optional<Referral> changed = database.transaction(c -> {
            Optional<Referral> referral = ReferralStore.byHold(c, hold.id())
                    .filter(each -> each.state() == Referral.State.ACCEPTED);
            if (referral.isEmpty()) {
                return Optional.<Referral>empty();
            }
            boolean taken = hold.state() == HoldState.REFUSED;
            return Optional.of(write(c, "system", taken ? referral.get().reopened()
                    : referral.get().with(Referral.State.ENDED, clock.instant()), null, taken ? "referral.reopened"
                    : "referral.ended"));
        });
        changed.ifPresent(this::published);
    }

    private Referral answerable(Principal desk, UUID id) {
        return database.read(c -> requested(c, desk, id));
    }

    private Referral requested(Connection c, Principal desk, UUID id) throws SQLException {
        Referral referral = visible(c, desk, id);
        if (!mayAnswer(desk, referral)) {
            throw new Forbidden("Alleen de toegang van deze vrouwenopvang kan deze aanmelding beantwoorden");
        }
        if (referral.state() != Referral.State.REQUESTED) {
            throw new Conflict("Deze aanmelding is al beantwoord of ingetrokken");
        }
        return referral;
    }

    private Referral visible(Connection c, Principal principal, UUID id) throws SQLException {
        return ReferralStore.find(c, id).filter(referral -> maySee(principal, referral))
                .orElseThrow(() -> new NotFound("Deze aanmelding bestaat niet (of is niet van u)"));
    }

    private Referral write(Connection c, String actor, Referral next, String sealedInstructions, String action)
            throws SQLException {
        ReferralStore.update(c, next, sealedInstructions);
        audit.append(c, actor, action, subject(next), next.auditDetail());
        return next;
    }

    private Optional<String> opened(UUID id, String what) {
        return database.read(c -> ReferralStore.sealed(c, id, what)).map(sealed -> key.open(context(id, what), sealed));
    }

    private Referral published(Referral referral) {
        listeners.forEach(listener -> listener.accept(referral));
        return referral;
    }

    private static int count(Integer value, int fallback, String what) {
        int count = value == null ? fallback : value;
        if (count < 0 || count > 20) {
            throw new BadRequest("Aantal " + what + " moet van 0 tot 20 zijn");
        }
        return count;
    }

    private static Kind kind(String wire) {
        try {
            return Kind.fromWire("kind", wire);
        } catch (ProtocolException e) {
            throw new BadRequest("Kies een soort plek: crisis, nood of regular");
        }
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String context(UUID id, String what) {
        return "referral:" + id + ":" + what;
    }

    private static String subject(Referral referral) {
        return "referral:" + referral.id();
    }
}
