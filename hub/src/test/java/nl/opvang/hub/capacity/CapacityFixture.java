package nl.opvang.hub.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.opvang.gateway.Inbound;
import nl.opvang.hub.account.AccountWeb;
import nl.opvang.hub.account.Sessions;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.ingest.EventStore;
import nl.opvang.hub.ingest.HoldHook;
import nl.opvang.hub.ingest.LostEvents;
import nl.opvang.hub.ingest.RefusedEvents;
import nl.opvang.hub.location.LocationDates;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.testkit.ApiClient;
import nl.opvang.hub.testkit.Healthy;
import nl.opvang.hub.web.HttpLimits;
import nl.opvang.hub.web.WebServer;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.testing.MutableClock;

/**
 * The hub as it runs for capacity over time: a real SQLite store (seed region plus test location), the projection with
 * the locations' dates, the ingest, the capacity service and node link (its commands recorded per node; the MQTT path
 * is {@code CapacityOverMqttTest}'s), and a real web server with the capacity routes behind the real authentication:
 * accounts {@code ct}, {@code admin}, {@code veiligthuis}, {@code nacht-test}, {@code vo-desk}, password {@code demo}.
 */
final class CapacityFixture implements AutoCloseable {
    static final List<String> USERS = List.of("ct", "admin", "veiligthuis", "nacht-test", "vo-desk");

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    final Database database;
    final Region region;
    final Registry registry;
    final LocationDates dates;
    final AvailabilityProjection projection;
    final EventStore ingest;
    final AuditLog audit = new AuditLog(clock);
    final CapacityService service;
    final CapacityLink link;
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final WebServer server;
    final int port;
    final ApiClient api;

    /** A command handed to the MQTT link. */
    record Sent(String site, String node, Command command) {
    }

    CapacityFixture(Path dataDir) {
        this(dataDir, RegionFile.resource(RegionFile.SEED).plus(RegionFile.resource(RegionFile.TEST_LOCATION)));
    }

    /** The seed region and the test location, which its region file has open from {@code opens} (a date) on. */
    static Region testLocationOpening(String opens) {
        try (InputStream in = RegionFile.class.getResourceAsStream("/nl/opvang/hub/" + RegionFile.TEST_LOCATION)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("secret: false", "secret: false\n        opens: " + opens);
            return RegionFile.resource(RegionFile.SEED).plus(RegionFile.parse(RegionFile.TEST_LOCATION, text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CapacityFixture(Path dataDir, Region region) {
        this.region = region;
        database = Database.open(dataDir);
        Registry.seed(database, region);
        registry = Registry.load(database, region.code());
        dates = CapacityService.dates(database, region);
        projection = new AvailabilityProjection(registry, clock, dates);
        projection.load(database);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ingest = new EventStore(database, registry, projection, clock, Duration.ofSeconds(2), meters, HoldHook.NONE,
                new LostEvents(audit, meters));
        service = new CapacityService(database, registry, projection, dates, audit, clock);
        link = new CapacityLink(database, service, projection, (site, node, command) -> sent.add(new Sent(site, node, command)),
                clock);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AccountWeb accounts = new AccountWeb(database, registry, "Regio Amersfoort", projection, audit,
                new RefusedEvents(database), clock, true, metrics, Sessions.DEFAULT_IDLE);
        List<Role> roles = List.of(Role.CT, Role.ADMIN, Role.VEILIG_THUIS, Role.NIGHT_STAFF, Role.VO_DESK);
        List<String> scopes = Arrays.asList(null, null, null, "test", "Kwintes");
        for (int i = 0; i < USERS.size(); i++) {
            if (accounts.accounts().find(USERS.get(i)).isEmpty()) {
                accounts.accounts().create("test", USERS.get(i), USERS.get(i), roles.get(i), scopes.get(i), "demo");
            }
        }
        server = new WebServer(new WebServer.Parts(projection, registry, new Healthy(),
                metrics, clock, accounts, List.of(new CapacityRoutes(service, registry, region)), HttpLimits.defaults()));
        port = server.start("127.0.0.1", 0);
        api = new ApiClient(() -> port, "demo");
        login();
    }

    /** Logs every account in (again: a session ends after 12 hours, also on the test's clock). */
    void login() {
        USERS.forEach(api::logIn);
    }

    void deliver(NodeMessage... messages) {
        ingest.store(Arrays.stream(messages).map(message -> new Inbound(message, clock.instant(), System.nanoTime())).toList());
    }

    List<Command.Body> sentTo(String node) {
        return sent.stream().filter(each -> each.node().equals(node)).map(each -> each.command().body()).toList();
    }

    URI uri(String path) {
        return api.uri(path);
    }

    HttpRequest.Builder request(String path, String user) {
        return api.request(path, user);
    }

    HttpResponse<String> post(String path, String user, String body) {
        return api.post(path, user, body);
    }

    HttpResponse<String> get(String path, String user) {
        return api.get(path, user);
    }

    HttpResponse<String> delete(String path, String user) {
        return api.delete(path, user);
    }

    HttpResponse<String> send(HttpRequest request) {
        return api.send(request);
    }

    JsonNode parse(HttpResponse<String> response) {
        return ApiClient.parse(response);
    }

    /** What a refusal must leave unchanged: the changes, the locations' dates and the audit log. */
    String state() {
        return database.read(c -> {
            StringBuilder all = new StringBuilder();
            for (String query : List.of("SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) || ':' || COALESCE(SUM(cancelled_ms), 0)"
                    + " FROM capacity_change", "SELECT COUNT(*) || ':' || COALESCE(SUM(retired_ms), 0) FROM location_dates",
                    "SELECT COUNT(*) FROM audit")) {
                try (var statement = c.createStatement(); var rows = statement.executeQuery(query)) {
                    rows.next();
                    all.append(rows.getString(1)).append(' ');
                }
            }
            return all.toString();
        });
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }
}
