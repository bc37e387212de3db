package nl.opvang.hub.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.opvang.hub.account.AccountWeb;
import nl.opvang.hub.account.Sessions;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.audit.AuditRoutes;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.availability.PlaceState;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.ingest.RefusedEvents;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.monitoring.Monitoring;
import nl.opvang.hub.monitoring.MonitoringRoutes;
import nl.opvang.hub.secret.SecretContacts;
import nl.opvang.hub.secret.SecretRoutes;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.testkit.ApiClient;
import nl.opvang.hub.testkit.Healthy;
import nl.opvang.hub.web.HttpLimits;
import nl.opvang.hub.web.WebServer;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.testing.MutableClock;

/**
 * A real hub web server on a free port over real SQLite (seed region plus test location) with the report, break-glass
 * and audit routes wired as the hub wires them, and a clock the test moves. Authentication is the real one in demo mode:
 * one account per role ({@link #username}, password {@link #PASSWORD}), each request sent with that account's bearer
 * token, logged in again whenever the clock has moved since (a moved clock may have ended the session).
 */
public final class ReportWebFixture implements AutoCloseable {
    /** Demo mode accepts short passwords and asks no second factor. */
    public static final String PASSWORD = "demo";

    public final MutableClock clock;
    public final Region region = RegionFile.resource(RegionFile.SEED).plus(RegionFile.resource(RegionFile.TEST_LOCATION));
    public final Database database;
    public final Registry registry;
    public final AvailabilityProjection projection;
    public final AuditLog audit;
    public final OccupancyRecorder recorder;
    public final AccountWeb accounts;
    public final WebServer server;
    public final int port;
    private final ApiClient api;
    public final HttpClient http;
    public final ObjectMapper json = new ObjectMapper();
    /** When each role last logged in, on the fixture's clock. */
    private final Map<Role, Instant> logins = new EnumMap<>(Role.class);

    public ReportWebFixture(Path dataDir, Instant start) {
        this(dataDir, start, HttpLimits.defaults());
    }

    /** With these limits ({@code HttpLimits.of(0, ...)}: no rate limit, for tests that call every path as every role). */
    public ReportWebFixture(Path dataDir, Instant start, HttpLimits limits) {
        this.clock = new MutableClock(start);
        database = Database.open(dataDir);
        Registry.seed(database, region);
        registry = Registry.load(database, region.code());
        projection = new AvailabilityProjection(registry, clock);
        projection.load(database);
        audit = new AuditLog(clock);
        recorder = new OccupancyRecorder(database, projection, clock);
        ReportRoutes reports = new ReportRoutes(region.name(), projection,
                new OccupancyReport(database, registry, clock), clock);
        SecretRoutes secrets = new SecretRoutes(new SecretContacts(database, registry, audit, clock));
        AuditRoutes auditRoutes = new AuditRoutes(audit, database);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        accounts = new AccountWeb(database, registry, region.name(), projection, new AuditLog(clock),
                new RefusedEvents(database), clock, true, metrics,
                Sessions.DEFAULT_IDLE);
        for (Role role : Role.values()) {
            String scope = role == Role.NIGHT_STAFF ? "kw-vo" : role == Role.VO_DESK ? "Kwintes" : null;
            accounts.accounts().create("test", username(role), "Test " + role.wire(), role, scope, PASSWORD);
        }
        server = new WebServer(new WebServer.Parts(projection, registry, new Healthy(),
                metrics, clock, accounts, List.of(reports, secrets, auditRoutes,
                        new MonitoringRoutes(new Monitoring(database, registry, region.municipalities(), clock))), limits));
        port = server.start("127.0.0.1", 0);
        api = new ApiClient(() -> port, PASSWORD);
        http = api.http();
    }

    public URI uri(String path) {
        return api.uri(path);
    }

    /** GET as {@code role} ({@code null}: no principal). */
    public HttpResponse<String> get(String path, Role role) {
        return api.get(path, as(role));
    }

    /** POST a JSON body as {@code role}. */
    public HttpResponse<String> post(String path, Role role, String body) {
        return api.post(path, as(role), body);
    }

    /** PUT a JSON body as {@code role}. */
    public HttpResponse<String> put(String path, Role role, String body) {
        return api.put(path, as(role), body);
    }

    /** The username of {@code role}, logged in (again) when the clock has moved since its last login. */
    private String as(Role role) {
        if (role == null) {
            return null;
        }
        if (!clock.instant().equals(logins.get(role))) {
            api.logIn(username(role));
            logins.put(role, clock.instant());
        }
        return username(role);
    }

    public JsonNode parse(String body) {
        return ApiClient.parse(body);
    }

    /** The node says hello now: its location turns live. */
    public void heard(String node) {
        NodeState state = projection.node(node).orElseThrow().withStatus(true, 1).seen(clock.millis());
        projection.apply(List.of(state), List.of());
    }

    /** The node reports a bed's new status, as a committed event would. */
    public void bed(String node, String bed, PlaceStatus status) {
        NodeState state = projection.node(node).orElseThrow().withStatus(true, 1).seen(clock.millis());
        PlaceState place = projection.place(node, bed).orElseThrow().withBedStatus(status, clock.millis());
        projection.apply(List.of(state), List.of(place));
    }

    /** The username of the test account with {@code role}. */
    public static String username(Role role) {
        return "test-" + role.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public void advance(Duration duration) {
        clock.advance(duration);
        projection.refreshFreshness();
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }
}
