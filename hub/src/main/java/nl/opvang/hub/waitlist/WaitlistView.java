package nl.opvang.hub.waitlist;

import java.time.Instant;
import java.util.List;

/** The JSON of {@code /api/v1/waitlist} (docs/DESIGN.md §6). Dates are calendar dates in Dutch time (YYYY-MM-DD). */
final class WaitlistView {
    private WaitlistView() {
    }

    /**
     * {@code GET /api/v1/waitlist}: everyone still waiting, longest wait first, the counts per need, and the choices for
     * a new entry's origin.
     *
     * @param overThreeMonths entries past three months since the decision, exemptions not counted
     * @param exempted        entries with an exemption (voorkeursplek, time-out, respijt), shown apart
     */
    record Overview(String today, int open, int overThreeMonths, int exempted, List<Count> counts, List<EntryView> entries,
                    List<String> origins) {
    }

    /** Per need: how many wait (no offer running), how many have an offer, how many are over, places free now. */
    record Count(String need, int waiting, int offered, int overThreeMonths, Integer free) {
    }

    /**
     * One entry. {@code pastThreeMonths}: the decision is more than three months ago; {@code overThreeMonths}: and it
     * counts (no exemption). {@code offerable}: waiting, for a kind of place, and one is free at a live location now;
     * {@code next}: the longest waiting of those for its kind.
     */
    record EntryView(String id, String reference, String need, String decidedOn, long daysWaited, boolean pastThreeMonths,
                     boolean overThreeMonths, String exemption, String priority, String origin, String state, String hold,
                     int offers, Instant createdAt, boolean offerable, boolean next, Instant closedAt, String closeReason) {
        static EntryView of(Entry entry, java.time.LocalDate today, boolean offerable, boolean next) {
            return new EntryView(entry.id().toString(), entry.reference(), entry.need().wire(), entry.decidedOn().toString(),
                    Ageing.daysWaited(entry.decidedOn(), today), Ageing.pastThreeMonths(entry.decidedOn(), today),
                    Ageing.overThreeMonths(entry, today), entry.exemption() == null ? null : entry.exemption().wire(),
                    entry.priority().wire(), entry.origin(), entry.state().wire(),
                    entry.hold() == null ? null : entry.hold().toString(), entry.offers(), entry.createdAt(), offerable,
                    next, entry.closedAt(), entry.closeReason() == null ? null : entry.closeReason().wire());
        }
    }
}
