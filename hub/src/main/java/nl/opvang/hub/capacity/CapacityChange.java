package nl.opvang.hub.capacity;

import java.time.Instant;
import nl.opvang.protocol.Kind;

/**
 * A capacity change (docs/DESIGN.md §4 "Capacity over time"): a location's limit for one kind from {@code from} until
 * {@code until} ({@code null}: until cancelled). A cancelled change stays, with who cancelled it and when.
 * {@code restoredAt}: when the node confirmed the registry's limit again after the change ended or was cancelled.
 */
public record CapacityChange(long id, String site, Kind kind, int capacity, Instant from, Instant until, String reason,
                             String createdBy, Instant createdAt, String cancelledBy, Instant cancelledAt,
                             Instant restoredAt) {

    /** Where a change stands at a time. */
    public enum State {
        PLANNED, ACTIVE, ENDED, CANCELLED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The time the change stops applying: its cancellation or its end, whichever comes first; {@code null}: open. */
    Instant end() {
        if (cancelledAt == null) {
            return until;
        }
        return until == null || cancelledAt.isBefore(until) ? cancelledAt : until;
    }

    boolean activeAt(Instant at) {
        Instant end = end();
        return !at.isBefore(from) && (end == null || at.isBefore(end));
    }

    State state(Instant now) {
        if (cancelledAt != null && cancelledAt.isBefore(from)) {
            return State.CANCELLED;
        }
        if (now.isBefore(from)) {
            return State.PLANNED;
        }
        return activeAt(now) ? State.ACTIVE : cancelledAt != null ? State.CANCELLED : State.ENDED;
    }

    /** Whether {@code [from, until)} meets this change's time (both open-ended when {@code null}). */
    boolean overlaps(Instant otherFrom, Instant otherUntil) {
        Instant end = end();
        return (end == null || otherFrom.isBefore(end)) && (otherUntil == null || from.isBefore(otherUntil));
    }
}
