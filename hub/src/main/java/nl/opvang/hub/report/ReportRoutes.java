package nl.opvang.hub.report;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import nl.opvang.hub.account.Role;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.LocationAvailability;

/**
 * The CT's reports (UX.md: "a chart on the page and a CSV to download") and the printable page for when the hub is
 * down (DESIGN §6). Every route is for the CT role.
 */
public final class ReportRoutes {
    private static final String CSV = "text/csv; charset=utf-8";
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(Nights.ZONE);

    private final String regionName;
    private final AvailabilityProjection projection;
    private final Clock clock;

    public ReportRoutes(String regionName, AvailabilityProjection projection, Clock clock) {
        this.regionName = regionName;
        this.projection = projection;
        this.clock = clock;
    }

    /** Registers the routes on the hub's web configuration. */
    public void register(JavalinConfig config) {
        config.routes.get("/print", this::print);
        config.routes.get("/print.css", Pages.resource("print.css", "text/css; charset=utf-8"));
        config.routes.get("/report.css", Pages.resource("report.css", "text/css; charset=utf-8"));
        config.routes.get("/api/v1/reports/availability.csv", this::availabilityCsv);
    }

    private void print(Context ctx) {
        Access.require(ctx, Role.CT);
        Pages.html(ctx, PrintPage.render(regionName, locations(), clock.instant()));
    }

    private void availabilityCsv(Context ctx) {
        Access.require(ctx, Role.CT);
        download(ctx, "beschikbaarheid-" + FILE_STAMP.format(clock.instant()) + ".csv", AvailabilityCsv.write(locations()));
    }

    private List<LocationAvailability> locations() {
        return projection.snapshot().sorted();
    }

    static void download(Context ctx, String fileName, String csv) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.contentType(CSV).result(Pages.utf8(csv));
    }
}
