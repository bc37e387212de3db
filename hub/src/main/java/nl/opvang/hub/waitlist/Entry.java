package nl.opvang.hub.waitlist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import nl.opvang.hub.http.BadRequest;

/**
 * One person on the waiting list, as the hub knows them: a random {@code reference} (the CT writes it in its own
 * file), what they wait for, the date of the decision and the municipality of origin; never a name, BSN or pass number
 * (docs/DESIGN.md §5). {@code hold} is the offered place's hold while it runs, and the one that placed them.
 */
record Entry(UUID id, String reference, Need need, LocalDate decidedOn, Priority priority, String origin,
             Exemption exemption, State state, UUID hold, int offers, Instant createdAt, Instant closedAt,
             CloseReason closeReason) {
    Entry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(need, "need");
        Objects.requireNonNull(decidedOn, "decidedOn");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** waiting → offered (a hold runs) → waiting again when the hold ends without a check-in; closed for good. */
    enum State {
        WAITING, OFFERED, CLOSED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How urgent the CT judges it; shown, the order stays by time waited (the three-month rule counts time). */
    enum Priority {
        URGENT, HIGH, NORMAL;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Priority fromWire(String value) {
            return Arrays.stream(values()).filter(each -> each.wire().equals(value)).findFirst()
                    .orElseThrow(() -> new BadRequest("Kies een prioriteit (priority): urgent, high of normal"));
        }
    }

    /**
     * The exceptions to "in principe staat iemand niet langer dan drie maanden op een wachtlijst" (seed: Regiovisie
     * omnv, "met uitzondering van voorkeursplek, time-out plek en respijt"): shown, not counted against the rule.
     */
    enum Exemption {
        VOORKEURSPLEK, TIME_OUT, RESPIJT;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code null} or empty: no exemption. */
        static Exemption fromWire(String value) {
            if (value == null || value.isEmpty()) {
                return null;
            }
            return Arrays.stream(values()).filter(each -> each.wire().equals(value)).findFirst()
                    .orElseThrow(() -> new BadRequest("Kies een uitzondering (exemption): voorkeursplek, time_out, respijt,"
                            + " of geen"));
        }
    }

    /** Why an entry closed: {@code placed} only by a check-in with its hold; the others are the CT's choice. */
    enum CloseReason {
        PLACED, PLACED_ELSEWHERE, NO_LONGER_NEEDED, LEFT_REGION, NO_CONTACT, OTHER;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** A reason the CT may give; {@code placed} is not one of them (it is the check-in's). */
        static CloseReason chosen(String value) {
            return Arrays.stream(values()).filter(each -> each != PLACED && each.wire().equals(value)).findFirst()
                    .orElseThrow(() -> new BadRequest("Kies een reden (reason): placed_elsewhere, no_longer_needed,"
                            + " left_region, no_contact of other"));
        }
    }
}
