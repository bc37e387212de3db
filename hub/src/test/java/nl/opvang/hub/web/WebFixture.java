package nl.opvang.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nl.opvang.hub.account.Account;
import nl.opvang.hub.account.AccountWeb;
import nl.opvang.hub.account.Sessions;
import nl.opvang.hub.account.Totp;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.audit.AuditRoutes;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.availability.PlaceState;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.ingest.LostEventRoutes;
import nl.opvang.hub.ingest.LostEvents;
import nl.opvang.hub.ingest.RefusalRoutes;
import nl.opvang.hub.ingest.RefusedEvents;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.testing.MutableClock;

/**
 * A real hub web server on a free port over a real SQLite registry (the seed region plus the test location), with a
 * clock the test controls and node activity applied to the projection as the ingest would after a commit. Requests go
 * with a CT account's bearer token unless a test says otherwise; {@link #account} adds more accounts.
 */
public final class WebFixture implements AutoCloseable {
    /** Long enough outside demo mode (docs/DESIGN.md §5: at least 12 characters). */
    public static final String PASSWORD = "lang-genoeg-wachtwoord";

    public final MutableClock clock = new MutableClock(Instant.now());
    public final Database database;
    public final Registry registry;
    public final AvailabilityProjection projection;
    public final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final SettableHealth health = new SettableHealth();
    public final AccountWeb accounts;
    final WebServer server;
    final MetricsServer metricsServer;
    public final int port;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final ObjectMapper json = new ObjectMapper();
    /** The bearer token of account {@code ct} (role CT), sent by default. */
    public final String ctToken;

    WebFixture(Path dataDir) {
        this(dataDir, true);
    }

    /** A hub in demo mode (no second factor, short passwords allowed) or not. */
    public WebFixture(Path dataDir, boolean demo) {
        this(dataDir, demo, HttpLimits.defaults());
    }

    /** As above, with the server's request size and rate limits, and the admin page's own routes (audit, refused and lost events). */
    public WebFixture(Path dataDir, boolean demo, HttpLimits limits) {
        this(dataDir, demo, limits, database -> List.of(new AuditRoutes(new AuditLog(Clock.systemUTC()), database),
                new RefusalRoutes(new RefusedEvents(database)),
                new LostEventRoutes(new LostEvents(new AuditLog(Clock.systemUTC()), new SimpleMeterRegistry()), database)));
    }

    /** As above, with further routes made from the fixture's database (e.g. a feature under test). */
    public WebFixture(Path dataDir, boolean demo, HttpLimits limits, Function<Database, List<WebFeature>> features) {
        database = Database.open(dataDir);
        Registry.seed(database, RegionFile.resource(RegionFile.SEED).plus(RegionFile.resource(RegionFile.TEST_LOCATION)));
        registry = Registry.load(database, "amersfoort");
        metrics.config().meterFilter(SecretLabels.of(registry));
        projection = new AvailabilityProjection(registry, clock);
        projection.load(database);
        accounts = new AccountWeb(database, registry, "Regio Amersfoort", projection, new AuditLog(clock),
                new RefusedEvents(database), clock, demo,
                metrics, Sessions.DEFAULT_IDLE);
        server = new WebServer(new WebServer.Parts(projection, registry, health, metrics, clock, accounts, features.apply(database),
                limits));
        port = server.start("127.0.0.1", 0);
        metricsServer = MetricsServer.start(metrics, "127.0.0.1", 0);
        if (accounts.accounts().find("ct").isEmpty()) {
            account("ct", Role.CT, null);
        }
        ctToken = login("ct");
    }

    /** Creates an account with {@link #PASSWORD} (and, outside demo mode where the role needs it, a TOTP secret). */
    public Account account(String username, Role role, String scope) {
        return accounts.accounts().create("test", username, "Test " + username, role, scope, PASSWORD);
    }

    /**
     * Logs in over the API (with a code from the app, if the account has a second factor): a bearer token. A code logs
     * in once, so a second login in the same 30-second step uses the next step's code (inside the allowed drift).
     */
    public String login(String username) {
        Account account = accounts.accounts().find(username).orElseThrow();
        String code = account.totpSecret() == null ? null : unusedCode(account);
        HttpResponse<String> response = post("/api/v1/login", Map.of("username", username, "password", PASSWORD,
                "totp", code == null ? "" : code), null);
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + username + " failed: " + response.statusCode() + " " + response.body());
        }
        return parse(response.body()).get("token").asText();
    }

    private String unusedCode(Account account) {
        long now = Math.floorDiv(clock.instant().getEpochSecond(), 30);
        long used = database.read(connection -> {
            try (var query = connection.prepareStatement("SELECT totp_last_step FROM account WHERE id = ?")) {
                query.setLong(1, account.id());
                try (var rows = query.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            } catch (java.sql.SQLException e) {
                return 0L; // a store without the column: codes could be replayed there
            }
        });
        long step = used < now ? now : used + 1;
        if (step > now + 1) {
            throw new AssertionError("a third login of " + account.username() + " in one 30-second step: advance the clock");
        }
        return Totp.code(account.totpSecret(), Instant.ofEpochSecond(step * 30));
    }

    /** A JSON POST with the bearer token (none when {@code null}). */
    public HttpResponse<String> post(String path, Object body, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            return send(request.build(), token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The health the server reports; the test flips it. */
    static final class SettableHealth implements Health {
        volatile boolean broker = true;
        volatile String database = "ok";
        volatile String audit = "ok";

        @Override
        public boolean brokerConnected() {
            return broker;
        }

        @Override
        public String database() {
            return database;
        }

        @Override
        public String audit() {
            return audit;
        }
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** {@code GET /metrics} from the metrics listener, as Prometheus reads it (not the web port). */
    HttpResponse<String> scrape() {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsServer.port() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), null);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** A GET with the bearer token (none when {@code null}). */
    public HttpResponse<String> get(String pathAndQuery, String token) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(), token);
    }

    /** Sends as CT. */
    HttpResponse<String> send(HttpRequest request) {
        return send(request, ctToken);
    }

    /** Sends with the bearer token (none when {@code null}). */
    public HttpResponse<String> send(HttpRequest request, String token) {
        HttpRequest authorised = token == null ? request
                : HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + token).build();
        try {
            return http.send(authorised, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode getJson(String pathAndQuery) {
        return parse(get(pathAndQuery).body());
    }

    public JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node says hello now (online, heard at the clock's time): its location turns live. */
    public void heard(String node) {
        NodeState state = projection.node(node).orElseThrow().withStatus(true, 1).seen(clock.millis());
        projection.apply(List.of(state), List.of());
    }

    /**
     * The node was last heard at {@code at}, set directly: hearing a node never moves its last-heard time back
     * ({@link NodeState#seen}), so a test puts a silence in the past this way.
     */
    void lastHeard(String node, java.time.Instant at) {
        NodeState state = projection.node(node).orElseThrow();
        projection.apply(List.of(new NodeState(state.code(), state.site(), state.session(), state.lastSeq(),
                state.heartbeatSeconds(), at.toEpochMilli(), true, state.connection(), state.software(),
                state.mismatch())), List.of());
    }

    /** The node reports a bed's new status, as a committed event would. */
    public void bed(String node, String bed, PlaceStatus status) {
        NodeState state = projection.node(node).orElseThrow().withStatus(true, 1).seen(clock.millis());
        PlaceState place = projection.place(node, bed).orElseThrow().withBedStatus(status, clock.millis());
        projection.apply(List.of(state), List.of(place));
    }

    /** The node's last will arrived: it is offline. */
    void lastWill(String node) {
        NodeState state = projection.node(node).orElseThrow().withStatus(false, 1);
        projection.apply(List.of(state), List.of());
    }

    @Override
    public void close() {
        server.close();
        metricsServer.close();
        database.close();
    }
}
