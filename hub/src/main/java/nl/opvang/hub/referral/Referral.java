package nl.opvang.hub.referral;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.protocol.Kind;

/**
 * A referral ("Aanmelding bij de vrouwenopvang", docs/DESIGN.md §4): Veilig Thuis asks a VO provider's access desk
 * ({@code desk}: the provider's name) for a place, without its notes and instructions, which stay sealed in the store.
 *
 * @param hold      the hold the desk made on acceptance ({@code null}: not accepted, or {@code elsewhere})
 * @param site      the VO location of that hold: shown to the desk only, never to Veilig Thuis
 * @param elsewhere accepted for a partner region's shelter: no place here, instructions only
 */
record Referral(UUID id, String desk, String region, Urgency urgency, int adults, int children, State state,
                long requesterId, String requester, Instant createdAt, Instant respondBy, Instant answeredAt,
                Instant endedAt, String refusal, UUID hold, String site, Kind kind, boolean elsewhere) {
    Referral {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(desk, "desk");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** requested → accepted | refused | withdrawn | ended; accepted → withdrawn | ended (its hold ended). */
    enum State {
        REQUESTED, ACCEPTED, REFUSED, WITHDRAWN, ENDED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State fromWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }

        boolean active() {
            return this == REQUESTED || this == ACCEPTED;
        }
    }

    /** How soon: {@code immediate} (now, in danger) or {@code today}. */
    enum Urgency {
        IMMEDIATE, TODAY;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Urgency fromWire(String wire) {
            if (wire == null) {
                return IMMEDIATE;
            }
            return Arrays.stream(values()).filter(urgency -> urgency.wire().equals(wire)).findFirst()
                    .orElseThrow(() -> new BadRequest("Kies de urgentie: immediate (direct) of today (vandaag)"));
        }
    }

    Referral with(State next, Instant at) {
        return new Referral(id, desk, region, urgency, adults, children, next, requesterId, requester, createdAt,
                respondBy, next == State.ACCEPTED || next == State.REFUSED ? at : answeredAt,
                next.active() ? null : at, refusal, hold, site, kind, elsewhere);
    }

    Referral refused(String reason, Instant at) {
        return new Referral(id, desk, region, urgency, adults, children, State.REFUSED, requesterId, requester, createdAt,
                respondBy, at, at, reason, hold, site, kind, elsewhere);
    }

    Referral placed(UUID newHold, String newSite, Kind newKind, boolean isElsewhere, Instant at) {
        return new Referral(id, desk, region, urgency, adults, children, State.ACCEPTED, requesterId, requester, createdAt,
                respondBy, at, null, null, newHold, newSite, newKind, isElsewhere);
    }

    /** Back in the desk's queue: the place it chose was taken at the location meanwhile. */
    Referral reopened() {
        return new Referral(id, desk, region, urgency, adults, children, State.REQUESTED, requesterId, requester,
                createdAt, respondBy, null, null, null, null, null, null, false);
    }

    /** Audit detail: the desk and the household's size, never notes, reasons or instructions. */
    String auditDetail() {
        return "desk=" + desk + " urgency=" + urgency.wire() + " adults=" + adults + " children=" + children + " state="
                + state.wire() + (hold == null ? "" : " hold=" + hold) + (elsewhere ? " elsewhere" : "");
    }
}
