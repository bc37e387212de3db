package nl.opvang.hub.report;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.Pages;
import nl.opvang.hub.http.Resources;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;

/**
 * The CT's reports (docs/DESIGN.md §6: "a chart on the page and a CSV to download") and the printable page for when the
 * hub is down (docs/DESIGN.md §6). Every route is for the CT role.
 */
public final class ReportRoutes implements WebFeature {
    private static final String CSV = "text/csv; charset=utf-8";
    private static final int DEFAULT_WEEKS = 6;
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(Nights.ZONE);

    private final String regionName;
    private final AvailabilityProjection projection;
    private final OccupancyReport occupancy;
    private final Clock clock;
    private final Handler reportHtml = Resources.serve("report.html", "text/html; charset=utf-8");

    public ReportRoutes(String regionName, AvailabilityProjection projection, OccupancyReport occupancy, Clock clock) {
        this.regionName = regionName;
        this.projection = projection;
        this.occupancy = occupancy;
        this.clock = clock;
    }

    /** Registers the routes on the hub's web configuration; pages and data for the CT, styles and scripts public. */
    @Override
    public void register(Routes routes) {
        Access ct = Access.roles(Role.CT);
        routes.get("/print", ct, this::print);
        routes.get("/print.css", Access.PUBLIC, Resources.serve("print.css", "text/css; charset=utf-8"));
        routes.get("/report.css", Access.PUBLIC, Resources.serve("report.css", "text/css; charset=utf-8"));
        routes.get("/api/v1/reports/availability.csv", ct, this::availabilityCsv);
        routes.get("/report", ct, reportHtml);
        routes.get("/report.js", Access.PUBLIC, Resources.serve("report.js", "text/javascript; charset=utf-8"));
        routes.get("/api/v1/reports/occupancy", ct, this::occupancyJson);
        routes.get("/api/v1/reports/occupancy.csv", ct, this::occupancyCsv);
    }

    private void occupancyJson(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(occupancy.lastWeeks(weeks(ctx)));
    }

    private void occupancyCsv(Context ctx) {
        OccupancyReport.Answer answer = occupancy.lastWeeks(weeks(ctx));
        download(ctx, "bezetting-" + answer.from() + "-" + answer.to() + ".csv", OccupancyReport.csv(answer));
    }

    private static int weeks(Context ctx) {
        String weeks = ctx.queryParam("weeks");
        if (weeks == null) {
            return DEFAULT_WEEKS;
        }
        int value;
        try {
            value = Integer.parseInt(weeks);
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1 || value > OccupancyReport.MAX_WEEKS) {
            throw new BadRequest("weeks is een getal van 1 tot " + OccupancyReport.MAX_WEEKS);
        }
        return value;
    }

    private void print(Context ctx) {
        Pages.send(ctx, PrintPage.render(regionName, locations(), clock.instant()));
    }

    /**
     * The printable overview as one self-contained HTML file, for the fallback file the hub writes beside its data
     * (docs/DESIGN.md §6): what {@code /print} shows the CT, now.
     */
    public String overview() {
        return PrintPage.standalone(regionName, locations(), clock.instant()).markup();
    }

    private void availabilityCsv(Context ctx) {
        download(ctx, "beschikbaarheid-" + FILE_STAMP.format(clock.instant()) + ".csv", AvailabilityCsv.write(locations()));
    }

    private List<LocationAvailability> locations() {
        return projection.snapshot().sorted();
    }

    static void download(Context ctx, String fileName, String csv) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.contentType(CSV).result(csv.getBytes(StandardCharsets.UTF_8));
    }
}
