package nl.opvang.hub.capacity;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.NotFound;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.Registry;

/**
 * Capacity over time over HTTP (docs/DESIGN.md §4, §6): the capacity calendar ({@code GET/POST
 * /api/v1/capacity-changes}, {@code DELETE /api/v1/capacity-changes/{id}}), retiring a location ({@code POST
 * /api/v1/locations/{code}/open} and {@code /retire}) and the region's municipalities over time ({@code GET /api/v1/region}). Only CT
 * and admins change capacity; every account may read the region.
 */
public final class CapacityRoutes implements WebFeature {
    private static final String ONLY_CT = "Alleen CT en beheer kunnen de capaciteit van locaties wijzigen";

    private final CapacityService service;
    private final Registry registry;
    private final Region region;

    public CapacityRoutes(CapacityService service, Registry registry, Region region) {
        this.service = service;
        this.registry = registry;
        this.region = region;
    }

    @Override
    public void register(Routes routes) {
        Access managers = Access.roles(Role.CT, Role.ADMIN).refusing(ONLY_CT);
        routes.get("/api/v1/capacity-changes", managers, ctx -> ctx.json(CalendarView.of(service, registry.locations())));
        routes.post("/api/v1/capacity-changes", managers, this::plan);
        routes.delete("/api/v1/capacity-changes/{id}", managers, this::cancel);
        routes.post("/api/v1/locations/{code}/open", managers, this::open);
        routes.post("/api/v1/locations/{code}/retire", managers, this::retire);
        routes.get("/api/v1/region", Access.ANY_ACCOUNT, ctx -> ctx.json(CalendarView.RegionView.of(region, service.now())));
    }

    private void plan(Context ctx) {
        CapacityBody.Create body = CapacityBody.read(ctx, CapacityBody.Create.class, false);
        CapacityChange change = service.plan(Access.principal(ctx), body.plan());
        ctx.status(HttpStatus.CREATED).header("Location", "/api/v1/capacity-changes/" + change.id());
        ctx.json(entry(change));
    }

    private void cancel(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFound("Deze capaciteitswijziging bestaat niet");
        }
        CapacityBody.Reason body = CapacityBody.read(ctx, CapacityBody.Reason.class, true);
        ctx.json(entry(service.cancel(Access.principal(ctx), id, body == null ? null : body.reason())));
    }

    private void open(Context ctx) {
        CapacityBody.Reason body = CapacityBody.read(ctx, CapacityBody.Reason.class, false);
        String code = ctx.pathParam("code");
        service.open(Access.principal(ctx), code, CapacityBody.time("at", body.at()), body.reason());
        datesOf(ctx, code);
    }

    private void retire(Context ctx) {
        CapacityBody.Reason body = CapacityBody.read(ctx, CapacityBody.Reason.class, false);
        String code = ctx.pathParam("code");
        service.retire(Access.principal(ctx), code, CapacityBody.time("at", body.at()), body.reason());
        datesOf(ctx, code);
    }

    private void datesOf(Context ctx, String code) {
        CalendarView calendar = CalendarView.of(service, registry.locations());
        ctx.json(calendar.dates().stream().filter(dated -> dated.site().equals(code)).findFirst().orElseThrow());
    }

    private CalendarView.Entry entry(CapacityChange change) {
        return CalendarView.entry(change, service.now(), service.limits()).orElseThrow();
    }
}
