package nl.opvang.hub.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import nl.opvang.hub.account.Principal;
import nl.opvang.hub.account.Role;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.audit.AuditRoutes;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.availability.PlaceState;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.secret.SecretContacts;
import nl.opvang.hub.secret.SecretRoutes;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.testkit.MutableClock;
import nl.opvang.hub.web.Health;
import nl.opvang.hub.web.WebServer;
import nl.opvang.protocol.PlaceStatus;

/**
 * A real hub web server on a free port over real SQLite (seed region plus test location) with the report, break-glass
 * and audit routes wired as the hub wires them, a clock the test moves, and a test-only before-filter standing in for
 * authentication: it makes the principal from the {@code X-Test-Role} header (or {@code defaultRole}, for a browser).
 */
public final class ReportWebFixture implements AutoCloseable {
    public static final String ROLE_HEADER = "X-Test-Role";

    public final MutableClock clock;
    public final Region region = RegionFile.resource(RegionFile.SEED).plus(RegionFile.resource(RegionFile.TEST_LOCATION));
    public final Database database;
    public final Registry registry;
    public final AvailabilityProjection projection;
    public final AuditLog audit;
    public final OccupancyRecorder recorder;
    public final WebServer server;
    public final int port;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final ObjectMapper json = new ObjectMapper();
    private final Role defaultRole;

    public ReportWebFixture(Path dataDir, Instant start, Role defaultRole) {
        this.clock = new MutableClock(start);
        this.defaultRole = defaultRole;
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
        server = new WebServer(projection, registry, new Health() {
            @Override
            public boolean brokerConnected() {
                return true;
            }

            @Override
            public String database() {
                return "ok";
            }
        }, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock, config -> {
            testAuthentication(config);
            reports.register(config);
            secrets.register(config);
            auditRoutes.register(config);
        });
        port = server.start("127.0.0.1", 0);
    }

    private void testAuthentication(JavalinConfig config) {
        config.routes.before(ctx -> {
            String header = ctx.header(ROLE_HEADER);
            Role role = header == null ? defaultRole : Role.valueOf(header);
            if (role != null) {
                ctx.attribute(Principal.ATTRIBUTE, new Principal(7, "test-" + role.wire(), role, null));
            }
        });
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** GET as {@code role} ({@code null}: no principal). */
    public HttpResponse<String> get(String path, Role role) {
        return send(request(path, role).GET().build());
    }

    /** POST a JSON body as {@code role}. */
    public HttpResponse<String> post(String path, Role role, String body) {
        return send(request(path, role).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** PUT a JSON body as {@code role}. */
    public HttpResponse<String> put(String path, Role role, String body) {
        return send(request(path, role).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest.Builder request(String path, Role role) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (role != null) {
            builder.header(ROLE_HEADER, role.name());
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** Lower-case role name, as the test principal's username carries it. */
    public static String username(Role role) {
        return "test-" + role.name().toLowerCase(Locale.ROOT);
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
