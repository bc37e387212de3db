package nl.opvang.hub.placement;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Command;

/**
 * Holds (placement requests, docs/DESIGN.md §4): created by CT for a live location (or by the VO desk, accepted, for a
 * referral), sent to its node, answered by the node or the VO desk, cancelled, expired, fulfilled by a check-in. Every
 * change is one transaction on the single writer with its audit entry; the check that a place is free happens inside
 * that transaction, so two requests for the last place cannot both win. After each commit the availability projection
 * and the holds' streams are updated and the node is told.
 */
public final class HoldService {
    static final String CONFLICT_BED = "Bed is inmiddels bezet op de locatie";
    static final String CONFLICT_REFUSED = "De locatie heeft de plek toch geweigerd";

    private final Database database;
    private final Registry registry;
    private final AvailabilityProjection projection;
    private final AuditLog audit;
    private final HoldKey key;
    private final HoldPolicy policy;
    private final HoldLink link;
    private final Candidates candidates;
    private final Clock clock;
    private final List<Consumer<Hold>> listeners = new CopyOnWriteArrayList<>();
    private final List<HoldFollower> followers = new CopyOnWriteArrayList<>();
    private final Object overlayLock = new Object();

    public HoldService(Database database, Registry registry, AvailabilityProjection projection, AuditLog audit, HoldKey key,
                       HoldPolicy policy, CommandSender sender, Clock clock) {
        this.database = database;
        this.registry = registry;
        this.projection = projection;
        this.audit = audit;
        this.key = key;
        this.policy = policy;
        this.link = new HoldLink(sender, database, clock);
        this.candidates = new Candidates(registry, projection);
        this.clock = clock;
        publish(List.of());
    }

    /** Creates a hold at the first live candidate location with room and sends it; 409 when none of the kind is free. */
    public Hold create(Principal principal, HoldRequest request) {
        return create(principal, request, (c, hold) -> { });
    }

    /** As {@link #create(Principal, HoldRequest)}, with {@code linked} written in the transaction that creates it. */
    public Hold create(Principal principal, HoldRequest request, HoldFollower.Link linked) {
        HoldPermissions.requireMayRequest(principal, request);
        return open(principal, request, HoldState.REQUESTED, linked);
    }

    /**
     * The VO desk places a referral (issue 14): an already accepted hold on a free place at one of its provider's VO
     * locations, checked free in the transaction (409 otherwise), and sent to the node so that the place is kept there.
     */
    public Hold createAccepted(Principal desk, HoldRequest request, HoldFollower.Link linked) {
        Location location = registry.location(request.site() == null ? "" : request.site())
                .orElseThrow(() -> HoldProblem.badRequest("Kies een van uw locaties"));
        if (!HoldPermissions.isDeskOf(desk, location)) {
            throw HoldProblem.forbidden("Alleen de VO-toegang van deze locatie kan hier plaatsen");
        }
        return open(desk, request, HoldState.ACCEPTED, linked);
    }

    private Hold open(Principal principal, HoldRequest request, HoldState state, HoldFollower.Link linked) {
        List<Location> places = candidates.of(request);
        Instant now = clock.instant();
        Hold created = database.transaction(c -> {
            for (Location location : places) {
                for (NodeSpec node : location.nodes()) {
                    if (Candidates.fits(c, node, request)) {
                        Hold hold = new Hold(UUID.randomUUID(), location.code(), node.code(), request.kind(), request.bed(),
                                state, principal.accountId(), principal.username(), principal.role(), now,
                                now.plus(policy.expiry(request.kind())), state == HoldState.ACCEPTED ? now : null, null,
                                null, null, null, null, null);
                        HoldStore.insert(c, hold);
                        audit.append(c, principal.username(), "hold." + state.wire(), hold.auditSubject(), hold.auditDetail());
                        linked.created(c, hold);
                        return hold;
                    }
                }
            }
            throw HoldProblem.conflict("Er is nu geen " + Words.kind(request.kind()) + " vrij"
                    + (request.site() == null ? " in de regio" : " op deze locatie"));
        });
        publish(List.of(created));
        return send(created);
    }

    /** Cancels an active hold for whoever checked that {@code actor} may (a referral withdrawn); the node is told. */
    public Hold withdraw(UUID id, String actor) {
        Hold cancelled = database.transaction(c -> {
            Hold hold = HoldStore.find(c, id).orElseThrow(() -> HoldProblem.notFound("Deze aanvraag bestaat niet"));
            HoldPermissions.requireActive(hold);
            return change(c, hold, with(hold, HoldState.CANCELLED, null, null, null), null, actor, "hold.cancelled");
        });
        publish(List.of(cancelled));
        release(cancelled);
        return cancelled;
    }

    /** Cancels an active hold (its requester or CT) and tells the node to release it. */
    public Hold cancel(Principal principal, UUID id) {
        if (!HoldPermissions.mayCancel(principal, get(principal, id))) {
            throw HoldProblem.forbidden("Alleen de aanvrager of CT kan deze aanvraag intrekken");
        }
        return withdraw(id, principal.username());
    }

    /** Its requester closes an ended hold, which leaves their page (docs/DESIGN.md §4); 409 while it still runs. */
    public Hold close(Principal principal, UUID id) {
        Hold closed = database.transaction(c -> {
            Hold hold = visible(c, principal, id);
            if (!HoldPermissions.isRequester(principal, hold)) {
                throw HoldProblem.forbidden("Alleen de aanvrager kan deze aanvraag sluiten");
            }
            if (hold.state().active()) {
                throw HoldProblem.conflict("Deze aanvraag loopt nog. Trek de aanvraag eerst in.");
            }
            return hold.closedAt() != null ? hold
                    : change(c, hold, hold.closed(clock.instant()), null, principal.username(), "hold.closed");
        });
        publish(List.of(closed));
        return closed;
    }

    /** The VO desk or the location's night staff accepts through the hub, with what the placer needs to know. */
    public Hold accept(Principal principal, UUID id, String bed, String instructions) {
        String text = HoldProblem.text("instructions", instructions, "Schrijf wat de aanvrager moet weten");
        Hold accepted = database.transaction(c -> {
            Hold hold = answerable(c, principal, id);
            if (bed != null && registry.place(hold.node(), bed).filter(place -> place.kind() == hold.kind()
                    && !place.counted()).isEmpty()) {
                throw HoldProblem.badRequest("Dit bed hoort niet bij deze aanvraag");
            }
            return change(c, hold, with(hold, HoldState.ACCEPTED, bed, null, null), key.seal(id, text),
                    principal.username(), "hold.accepted");
        });
        publish(List.of(accepted));
        // The node still shows a request: tell it the hold is accepted, so that nobody refuses it there.
        return send(accepted);
    }

    /** The VO desk or the location's night staff refuses through the hub; the node is told to drop the request. */
    public Hold refuse(Principal principal, UUID id, String reason) {
        String text = HoldProblem.text("reason", reason, "Geef een reden");
        Hold refused = database.transaction(c -> {
            Hold hold = answerable(c, principal, id);
            return change(c, hold, with(hold, HoldState.REFUSED, null, text, null), null, principal.username(),
                    "hold.refused");
        });
        publish(List.of(refused));
        release(refused);
        return refused;
    }

    private Hold answerable(Connection c, Principal principal, UUID id) throws SQLException {
        Hold hold = visible(c, principal, id);
        HoldPermissions.requireMayAnswer(principal, hold, location(hold));
        return hold;
    }

    /** Expires every active hold past its time, tells the nodes, and re-sends holds that never reached the broker. */
    public List<Hold> expireDue() {
        long now = clock.millis();
        List<Hold> expired = database.transaction(c -> {
            List<Hold> changed = new ArrayList<>();
            for (Hold hold : HoldStore.active(c)) {
                if (hold.expiresAt().toEpochMilli() <= now) {
                    changed.add(change(c, hold, with(hold, HoldState.EXPIRED, null, null, null), null, "system",
                            "hold.expired"));
                }
            }
            return changed;
        });
        publish(expired);
        expired.forEach(this::release);
        read(HoldStore::active).stream().filter(hold -> hold.lastSentAt() == null)
                .forEach(this::send);
        return expired;
    }

    /** A node came back online: send it the requests it has not answered and the VO desk's placements. */
    public void resend(String node) {
        read(HoldStore::active).stream().filter(hold -> hold.node().equals(node) && hold.awaitsNode())
                .forEach(this::send);
    }

    /** Holds the caller may see, newest first (the requester its own, CT all, a location or VO desk its own). */
    public List<Hold> list(Principal principal) {
        return read(HoldStore::recent).stream().filter(hold -> HoldPermissions.maySee(principal, hold, location(hold))).toList();
    }

    public Hold get(Principal principal, UUID id) {
        return read(c -> visible(c, principal, id));
    }

    /** The instructions of an accepted hold, decrypted, for its requester only (docs/DESIGN.md §5). */
    public Optional<String> instructions(Principal principal, Hold hold) {
        if (!HoldPermissions.isRequester(principal, hold) || hold.state() != HoldState.ACCEPTED) {
            return Optional.empty();
        }
        return read(c -> HoldStore.instructions(c, hold.id())).map(sealed -> key.open(hold.id(), sealed));
    }

    public boolean visibleTo(Principal principal, Hold hold) {
        return HoldPermissions.maySee(principal, hold, location(hold));
    }

    /** Registers a follower, told in the same transaction when a hold ends. */
    public void follow(HoldFollower follower) {
        followers.add(follower);
    }

    /** Registers a listener for changed holds, called after each commit; it must not block. */
    public Runnable subscribe(Consumer<Hold> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    Location location(Hold hold) {
        return registry.location(hold.site()).orElseThrow(() -> new IllegalStateException("hold at unknown site " + hold.site()));
    }

    private Hold visible(Connection c, Principal principal, UUID id) throws SQLException {
        return HoldStore.find(c, id).filter(hold -> HoldPermissions.maySee(principal, hold, location(hold)))
                .orElseThrow(() -> HoldProblem.notFound("Deze aanvraag bestaat niet (of is niet van u)"));
    }

    /** Writes a state change and its audit entry, inside the caller's transaction. */
    Hold change(Connection c, Hold hold, Hold next, String sealedInstructions, String actor, String action)
            throws SQLException {
        HoldStore.update(c, next, sealedInstructions);
        audit.append(c, actor, action, next.auditSubject(), next.auditDetail());
        for (HoldFollower follower : hold.state().active() && !next.state().active() ? followers : List.<HoldFollower>of()) {
            follower.ended(c, next, actor);
        }
        return next;
    }

    /** The hold in its next state, now ({@link Hold#next}). */
    Hold with(Hold hold, HoldState state, String acceptedBed, String refusal, String conflict) {
        return hold.next(state, acceptedBed, refusal, conflict, clock.instant());
    }

    String seal(UUID hold, String instructions) {
        return key.seal(hold, instructions);
    }

    /** After a commit: the held places in the projection, then the listeners. */
    void publish(List<Hold> changed) {
        // Read and apply under one lock, so that an older read never overwrites a newer one in the projection.
        synchronized (overlayLock) {
            projection.held(HeldOverlay.of(read(HoldStore::active)));
        }
        for (Hold hold : changed) {
            listeners.forEach(listener -> listener.accept(hold));
        }
    }

    Hold send(Hold hold) {
        return link.send(hold);
    }

    Command command(Hold hold) {
        return link.command(hold);
    }

    long now() {
        return clock.millis();
    }

    void release(Hold hold) {
        link.release(hold);
    }

    private <T> T read(Database.Work<T> work) {
        return database.read(work);
    }
}
