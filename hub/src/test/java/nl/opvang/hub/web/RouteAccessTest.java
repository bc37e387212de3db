package nl.opvang.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import io.javalin.security.RouteRole;
import io.javalin.security.Roles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.audit.AuditRoutes;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.capacity.CapacityRoutes;
import nl.opvang.hub.capacity.CapacityService;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.ingest.LostEventRoutes;
import nl.opvang.hub.ingest.LostEvents;
import nl.opvang.hub.ingest.RefusalRoutes;
import nl.opvang.hub.ingest.RefusedEvents;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.placement.HoldKey;
import nl.opvang.hub.placement.HoldPolicy;
import nl.opvang.hub.placement.HoldRoutes;
import nl.opvang.hub.referral.ReferralRoutes;
import nl.opvang.hub.referral.Referrals;
import nl.opvang.hub.placement.HoldService;
import nl.opvang.hub.report.OccupancyReport;
import nl.opvang.hub.report.ReportRoutes;
import nl.opvang.hub.retention.Retention;
import nl.opvang.hub.retention.RetentionRoutes;
import nl.opvang.hub.secret.SecretContacts;
import nl.opvang.hub.secret.SecretRoutes;
import nl.opvang.hub.stay.LongStayRoutes;
import nl.opvang.hub.stay.LongStays;
import nl.opvang.hub.waitlist.Waitlist;
import nl.opvang.hub.store.DataKey;
import nl.opvang.hub.waitlist.WaitlistRoutes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of a web server built with every feature the hub has declares who may call it (docs/DESIGN.md §6): walked
 * as Javalin holds the routes, so that a route registered past {@link Routes} would be found too.
 */
class RouteAccessTest {
    @TempDir
    Path dataDir;
    WebFixture hub;
    final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir, true, HttpLimits.defaults(), this::everyFeature);
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
        for (AutoCloseable each : opened) {
            each.close();
        }
    }

    /** The features the hub registers (see {@code Hub}), over the fixture's database. */
    private List<WebFeature> everyFeature(nl.opvang.hub.store.Database database) {
        Clock clock = Clock.systemUTC();
        AuditLog audit = new AuditLog(clock);
        Registry registry = Registry.load(database, "amersfoort");
        AvailabilityProjection projection = new AvailabilityProjection(registry, clock);
        Region region = RegionFile.resource(RegionFile.SEED).plus(RegionFile.resource(RegionFile.TEST_LOCATION));
        HoldService holds = new HoldService(database, registry, projection, audit, HoldKey.load(dataDir),
                HoldPolicy.defaults(), (site, node, command) -> true, clock);
        HoldRoutes holdRoutes = new HoldRoutes(holds, registry, projection, Map.of("amersfoort", "Regio Amersfoort"));
        opened.add(holdRoutes);
        ReferralRoutes referralRoutes = new ReferralRoutes(new Referrals(database, holds, registry, audit,
                DataKey.load(dataDir), clock), projection);
        opened.add(referralRoutes);
        return List.of(holdRoutes, referralRoutes,
                new ReportRoutes("Regio Amersfoort", projection, new OccupancyReport(database, registry, clock), clock),
                new SecretRoutes(new SecretContacts(database, registry, audit, clock)),
                new AuditRoutes(audit, database),
                new RetentionRoutes(new Retention(database, audit, clock)),
                new LostEventRoutes(new LostEvents(audit, new SimpleMeterRegistry()), database),
                new RefusalRoutes(new RefusedEvents(database)),
                new WaitlistRoutes(new Waitlist(database, holds, projection, registry, audit, List.of("Amersfoort"), clock)),
                new CapacityRoutes(new CapacityService(database, registry, projection,
                        CapacityService.dates(database, region), audit, clock), registry, region),
                new LongStayRoutes(new LongStays(database, registry, clock)));
    }

    @Test
    void every_route_declares_exactly_one_access() {
        List<Endpoint> endpoints = hub.server.endpoints();
        List<String> undeclared = endpoints.stream()
                .filter(endpoint -> accessOf(endpoint).size() != 1 || roles(endpoint).size() != 1)
                .map(endpoint -> endpoint.method + " " + endpoint.path + " " + roles(endpoint))
                .toList();

        assertEquals(List.of(), undeclared);
        assertTrue(endpoints.size() > 60, "every feature's routes are there: " + endpoints.size());
        assertTrue(paths(endpoints).containsAll(Set.of("POST /api/v1/holds/{id}/accept", "GET /api/v1/reports/occupancy",
                "POST /api/v1/locations/{code}/break-glass", "GET /api/v1/audit", "POST /api/v1/admin/token-deletions",
                "GET /api/v1/admin/lost-events", "GET /api/v1/admin/refused", "POST /api/v1/admin/users",
                "POST /api/v1/waitlist/{id}/offer", "POST /api/v1/referrals/{id}/accept", "DELETE /api/v1/referrals/{id}",
                "DELETE /api/v1/capacity-changes/{id}", "POST /api/v1/locations/{code}/retire")));
    }

    @Test
    void no_route_passes_by_the_registry() {
        Set<String> declared = hub.server.declared().stream().map(route -> route.method() + " " + route.path())
                .collect(Collectors.toCollection(TreeSet::new));

        assertEquals(declared, paths(hub.server.endpoints()));
    }

    @Test
    void a_head_route_is_admitted_as_its_get_route() {
        Map<String, List<Access>> byRoute = hub.server.endpoints().stream().collect(Collectors.toMap(
                endpoint -> endpoint.method + " " + endpoint.path, RouteAccessTest::accessOf));

        byRoute.forEach((route, access) -> {
            if (route.startsWith("GET ")) {
                assertEquals(access, byRoute.get("HEAD " + route.substring(4)), route);
            }
        });
    }

    @Test
    void a_route_cannot_be_registered_without_saying_who_may_call_it() {
        Javalin.create(config -> {
            Routes routes = new Routes(config.routes);
            assertThrows(NullPointerException.class, () -> routes.get("/somewhere", null, ctx -> ctx.result("hallo")));
            assertEquals(List.of(), routes.declared());
        });
    }

    private static Set<String> paths(List<Endpoint> endpoints) {
        return endpoints.stream().map(endpoint -> endpoint.method + " " + endpoint.path)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<RouteRole> roles(Endpoint endpoint) {
        Roles roles = endpoint.metadata(Roles.class);
        return roles == null ? Set.of() : roles.getRoles();
    }

    private static List<Access> accessOf(Endpoint endpoint) {
        return roles(endpoint).stream().filter(Access.class::isInstance).map(Access.class::cast).toList();
    }
}
