package nl.opvang.hub.stay;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.report.Nights;
import nl.opvang.hub.store.Database;

/**
 * Nights over the limit per month (issue 14 item 4, docs/DESIGN.md §4 "Long stays"): for each location and limit, how
 * many nights of the month stays spent past their limit (three days on a VO crisis place or noodbed, three months in
 * the MO). A stay spends night N (12:00 on N to 12:00 the next day, Dutch time) when it is there at the midnight inside
 * it; that night counts once that midnight is after the stay's limit. The stays are the monitoring ledger's, which keep
 * their times after retention or an erasure removed their token link (docs/DESIGN.md §5); a restricted client's are
 * left out. Nights not yet reached do not count. Numbers only, never a stay.
 */
public final class LongStayNights {
    private final Database database;
    private final LongStays stays;
    private final Clock clock;

    LongStayNights(Database database, LongStays stays, Clock clock) {
        this.database = database;
        this.stays = stays;
        this.clock = clock;
    }

    /** Nights past one limit at one location in the month. */
    public record Row(String location, String name, String domain, String limit, int nights) {
    }

    /** The month's nights over the limit, per location and limit, as the caller may see them; {@code to} exclusive. */
    public record Answer(String month, Instant from, Instant to, List<LongStays.Limit> limits, List<Row> rows,
                         int total) {
        public Answer {
            rows = List.copyOf(rows);
        }
    }

    /** The month's figures for the CT (every location) or a VO desk (its provider's VO locations). */
    Answer of(Principal principal, YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        Instant from = Nights.start(first);
        Instant to = Nights.end(last);
        Instant now = clock.instant();
        Map<List<String>, Row> rows = new LinkedHashMap<>();
        for (StayStore.Stay stay : database.read(c -> StayStore.between(c, from.toEpochMilli(), to.toEpochMilli()))) {
            Optional<LongStays.Limited> limited = stays.limited(stay);
            if (limited.isEmpty() || !LongStays.counted(principal, limited.get().location())) {
                continue;
            }
            int nights = nightsOver(stay, limited.get().limit(), first, last, now);
            if (nights > 0) {
                LongStays.Limited each = limited.get();
                rows.merge(List.of(each.location().code(), each.limit().wire()), new Row(each.location().code(),
                        each.location().name(), each.location().audience().domain().wire(), each.limit().wire(), nights),
                        (a, b) -> new Row(a.location(), a.name(), a.domain(), a.limit(), a.nights() + b.nights()));
            }
        }
        List<Row> answer = new ArrayList<>(rows.values());
        return new Answer(month.toString(), from, to, LongStays.LIMITS, answer,
                answer.stream().mapToInt(Row::nights).sum());
    }

    /** The nights from {@code first} to {@code last} whose midnight the stay spent past its limit, up to now. */
    static int nightsOver(StayStore.Stay stay, StayLimits limit, LocalDate first, LocalDate last, Instant now) {
        Instant since = Instant.ofEpochMilli(stay.sinceMs());
        Instant over = limit.end(since);
        int nights = 0;
        for (LocalDate night = first; !night.isAfter(last); night = night.plusDays(1)) {
            Instant midnight = night.plusDays(1).atStartOfDay(Nights.ZONE).toInstant();
            boolean there = !midnight.isBefore(since) && (stay.untilMs() == null || midnight.toEpochMilli() < stay.untilMs());
            if (there && midnight.isAfter(over) && !midnight.isAfter(now)) {
                nights++;
            }
        }
        return nights;
    }
}
