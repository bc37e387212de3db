package nl.opvang.hub.placement;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Kind;

/**
 * Requests made before this hub ran: only the demo's generated past (hub {@code demo.Demo}, docs/DESIGN.md "Demo
 * history"). Each goes through the states a real one goes through ({@link Hold#next}: requested, then answered, then
 * fulfilled or expired at its time), ends there, and is closed by its requester, so that it is in the figures
 * (docs/MONITORING.md "placement") and on no one's list. Nothing runs now: no node is told, and the audit log, which
 * records what people do, gets no entry.
 */
public final class PastRequests {
    /**
     * A request and how it ended: accepted on {@code bed} at {@code answeredAt} and fulfilled by a check-in at {@code
     * fulfilledAt}; refused at {@code answeredAt} with {@code refusal}; or never answered ({@code answeredAt} null),
     * expired.
     */
    public record Past(UUID id, String site, String node, Kind kind, Instant createdAt, Instant answeredAt, String bed,
                       String refusal, Instant fulfilledAt) {
    }

    private final Database database;
    private final Registry registry;
    private final HoldPolicy policy;
    private final Clock clock;

    public PastRequests(Database database, Registry registry, HoldPolicy policy, Clock clock) {
        this.database = database;
        this.registry = registry;
        this.policy = policy;
        this.clock = clock;
    }

    /** Writes {@code requests} as made by {@code requester}; one that has not ended by now, in its time, is an error. */
    public void write(Principal requester, List<Past> requests) {
        Instant now = clock.instant();
        database.transaction(c -> {
            for (Past past : requests) {
                NodeSpec node = registry.node(past.node()).filter(spec -> spec.site().equals(past.site()))
                        .orElseThrow(() -> new IllegalArgumentException("no node " + past.node() + " at " + past.site()));
                Instant expires = past.createdAt().plus(policy.expiry(past.kind()));
                Hold hold = new Hold(past.id(), past.site(), node.code(), past.kind(), null, HoldState.REQUESTED,
                        requester.accountId(), requester.username(), requester.role(), past.createdAt(), expires, null,
                        null, null, null, past.createdAt(), null, null);
                Instant ended;
                if (past.answeredAt() == null) {
                    hold = hold.next(HoldState.EXPIRED, null, null, null, expires);
                    ended = expires;
                } else if (past.refusal() != null) {
                    hold = hold.next(HoldState.REFUSED, null, past.refusal(), null, past.answeredAt());
                    ended = past.answeredAt();
                } else {
                    // Accepted on the hub, the node is told again (as HoldService.accept does), then the check-in.
                    hold = hold.next(HoldState.ACCEPTED, past.bed(), null, null, past.answeredAt())
                            .sent(past.answeredAt()).next(HoldState.FULFILLED, past.bed(), null, null, past.fulfilledAt());
                    ended = past.fulfilledAt();
                }
                if (ended.isAfter(now) || ended.isAfter(expires)) {
                    throw new IllegalArgumentException("request " + past.id() + " has not ended by now in its time");
                }
                HoldStore.insert(c, hold.closed(ended));
            }
            return null;
        });
    }
}
