package nl.opvang.hub.monitoring;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.Pages;
import nl.opvang.hub.http.Resources;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.report.Csv;

/**
 * The monitoring routes (docs/DESIGN.md §6, docs/MONITORING.md): per figure {@code /api/v1/monitoring/<figure>} as
 * JSON and {@code .csv} with Dutch headers and labels, the {@code /monitor} page and its definitions
 * ({@code /monitor/definities}). For the gemeente and the CT; the
 * gemeente's answers have small cells suppressed and never name a secret location (docs/DESIGN.md §5).
 */
public final class MonitoringRoutes implements WebFeature {
    private static final List<String> CSV_HEADER = List.of("Cijfer", "Definitie", "Van", "Tot", "Onderdeel", "Code",
            "Omschrijving", "Aantal", "Waarde", "Eenheid", "Getoond", "Schatting", "Locatie");
    private static final String ALL_LOCATIONS = "Alle locaties";
    /** uPlot's files in its webjar (hub/pom.xml: org.webjars.npm:uplot, the same version). */
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

    private final Monitoring monitoring;

    public MonitoringRoutes(Monitoring monitoring) {
        this.monitoring = monitoring;
    }

    @Override
    public void register(Routes routes) {
        Access access = Access.roles(Role.GEMEENTE, Role.CT);
        routes.get("/monitor", access, Resources.serve("monitor.html", "text/html; charset=utf-8"));
        routes.get("/monitor/definities", access, ctx -> Pages.send(ctx, monitoring.definitions()));
        routes.get("/monitor.js", Access.PUBLIC, Resources.serve("monitor.js", "text/javascript; charset=utf-8"));
        routes.get("/vendor/uplot.js", Access.PUBLIC,
                Resources.serveLibrary(UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"));
        routes.get("/vendor/uplot.min.css", Access.PUBLIC,
                Resources.serveLibrary(UPLOT + "uPlot.min.css", "text/css; charset=utf-8"));
        for (Figure figure : Figure.values()) {
            String path = "/api/v1/monitoring/" + figure.path();
            routes.get(path, access, ctx -> {
                ctx.header("Cache-Control", "no-store");
                ctx.json(answer(figure, ctx));
            });
            routes.get(path + ".csv", access, ctx -> csv(ctx, answer(figure, ctx)));
        }
    }

    private Answer answer(Figure figure, Context ctx) {
        boolean gemeente = Access.principal(ctx).role() != Role.CT;
        return monitoring.answer(figure, ctx::queryParam, gemeente);
    }

    private static void lines(List<List<Object>> lines, Answer answer, List<Row> rows, String location) {
        for (Row row : rows) {
            Cell cell = row.cell();
            lines.add(List.of(answer.title(), answer.definition(), answer.from(), answer.to(), row.part(), row.code(),
                    row.label(), cell.count() == null ? "" : cell.count(),
                    cell.value() == null ? "" : cell.value().toString().replace('.', ','), cell.unit(), cell.shown(),
                    answer.estimate() ? "ja" : "nee", location));
        }
    }

    private static void csv(Context ctx, Answer answer) {
        List<List<Object>> rows = new ArrayList<>();
        lines(rows, answer, answer.rows(), ALL_LOCATIONS);
        for (Answer.LocationRows location : answer.locations()) {
            lines(rows, answer, location.rows(), location.label());
        }
        String fileName = "monitor-" + answer.figure() + "-" + answer.from() + "-" + answer.to() + ".csv";
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/csv; charset=utf-8")
                .result(Csv.write(CSV_HEADER, rows).getBytes(StandardCharsets.UTF_8));
    }
}
