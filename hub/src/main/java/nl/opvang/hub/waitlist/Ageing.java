package nl.opvang.hub.waitlist;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Time waited against the rule "in principe staat iemand niet langer dan drie maanden op een wachtlijst" (seed:
 * Regiovisie omnv Amersfoort 2022–2026): counted in calendar days from the date of the decision, in Dutch time
 * (docs/DESIGN.md §4). Over three months means past the same day three calendar months later; an entry with an
 * exemption (voorkeursplek, time-out, respijt) is never counted as over.
 */
final class Ageing {
    static final ZoneId DUTCH = ZoneId.of("Europe/Amsterdam");

    private Ageing() {
    }

    static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), DUTCH);
    }

    static long daysWaited(LocalDate decidedOn, LocalDate today) {
        return Math.max(0, ChronoUnit.DAYS.between(decidedOn, today));
    }

    /** Past three calendar months since the decision, whether exempted or not. */
    static boolean pastThreeMonths(LocalDate decidedOn, LocalDate today) {
        return today.isAfter(decidedOn.plusMonths(3));
    }

    /** Counted against the rule: past three months and not exempted. */
    static boolean overThreeMonths(Entry entry, LocalDate today) {
        return entry.exemption() == null && pastThreeMonths(entry.decidedOn(), today);
    }
}
