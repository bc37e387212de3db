package nl.opvang.hub.stay;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.Resources;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.report.Csv;
import nl.opvang.hub.report.Nights;

/**
 * Long stays over HTTP (docs/DESIGN.md §4 "Long stays", §6): {@code GET /api/v1/long-stays} for the CT and VO desks
 * (each sees what {@link LongStays} allows), {@code GET /api/v1/long-stays/nights?month=YYYY-MM} for the same roles
 * (the month's nights over the limit per location, {@link LongStayNights}), {@code GET
 * /api/v1/reports/long-stays.csv} for the CT's report (the
 * numbers per location now), and the script and style that show them on the CT page, the VO desk page and the report
 * ({@code long-stays.js}, {@code long-stays.css}).
 */
public final class LongStayRoutes implements WebFeature {
    static final String REFUSED = "Alleen de Centrale Toegang en de VO-toegang zien lange verblijven";
    static final List<String> CSV_HEADER = List.of("locatie", "naam", "domein", "termijn", "langer_dan_termijn",
            "gemeten");
    private static final String SCRIPT = "text/javascript; charset=utf-8";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(Nights.ZONE);

    private final LongStays stays;

    public LongStayRoutes(LongStays stays) {
        this.stays = stays;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/v1/long-stays", Access.roles(Role.CT, Role.VO_DESK).refusing(REFUSED), this::answer);
        routes.get("/api/v1/long-stays/nights", Access.roles(Role.CT, Role.VO_DESK).refusing(REFUSED), this::nights);
        routes.get("/api/v1/reports/long-stays.csv", Access.roles(Role.CT), this::csv);
        routes.get("/long-stays.js", Access.PUBLIC, Resources.serve("long-stays.js", SCRIPT));
        routes.get("/long-stays.css", Access.PUBLIC, Resources.serve("long-stays.css", "text/css; charset=utf-8"));
    }

    private void answer(Context ctx) {
        ctx.json(stays.of(Access.principal(ctx)));
    }

    /** {@code ?month=YYYY-MM} (default: this month, Dutch time): the nights over the limit per location and limit. */
    private void nights(Context ctx) {
        String month = ctx.queryParam("month");
        YearMonth chosen;
        try {
            chosen = month == null || month.isBlank() ? null : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new BadRequest("Geef de maand als JJJJ-MM, bijv. 2026-12");
        }
        ctx.json(stays.nights(Access.principal(ctx), chosen));
    }

    private void csv(Context ctx) {
        LongStays.Answer answer = stays.of(Access.principal(ctx));
        List<List<Object>> rows = new ArrayList<>();
        for (LongStays.Count count : answer.counts()) {
            rows.add(List.of(count.location(), count.name(), Words.word("domain." + count.domain()), StayLimits.valueOf(
                    count.limit().toUpperCase(Locale.ROOT)).dutch(), count.over(),
                    answer.generatedAt().toString()));
        }
        ctx.header("Content-Disposition", "attachment; filename=\"lange-verblijven-"
                + STAMP.format(answer.generatedAt()) + ".csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(Csv.write(CSV_HEADER, rows).getBytes(StandardCharsets.UTF_8));
    }
}
