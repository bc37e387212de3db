package nl.opvang.hub.waitlist;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.opvang.gateway.Inbound;
import nl.opvang.hub.account.AccountWeb;
import nl.opvang.hub.account.Sessions;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.ingest.EventStore;
import nl.opvang.hub.ingest.LostEvents;
import nl.opvang.hub.ingest.RefusedEvents;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.placement.HoldKey;
import nl.opvang.hub.placement.HoldPolicy;
import nl.opvang.hub.placement.HoldRoutes;
import nl.opvang.hub.placement.HoldService;
import nl.opvang.hub.placement.NodeAnswers;
import nl.opvang.hub.testkit.ApiClient;
import nl.opvang.hub.testkit.Healthy;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.hub.web.HttpLimits;
import nl.opvang.hub.web.WebServer;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.NodeMessage;

/**
 * A real hub web server on a free port with the holds' and the waiting list's routes, over the hub's real store (SQLite,
 * seed region plus the test location, a {@code MutableClock}) with the holds wired into the ingest as the hub does;
 * the node is played with {@link Messages}. Each account is real (demo password) with its own bearer token.
 */
final class WaitlistFixture implements AutoCloseable {
    static final String PASSWORD = "demo";
    static final Principal CT = new Principal(1, "ct", Role.CT, null);
    static final Principal VEILIG_THUIS = new Principal(2, "veiligthuis", Role.VEILIG_THUIS, null);
    static final Principal VO_DESK = new Principal(3, "vo-desk", Role.VO_DESK, "Kwintes");
    static final Principal NIGHT_TEST = new Principal(4, "nacht-test", Role.NIGHT_STAFF, "test");
    static final Principal ADMIN = new Principal(5, "admin", Role.ADMIN, null);
    static final List<Principal> ACCOUNTS = List.of(CT, VEILIG_THUIS, VO_DESK, NIGHT_TEST, ADMIN);

    final HubStoreFixture hub;
    final List<Command.Body> sent = new CopyOnWriteArrayList<>();
    final HoldService holds;
    final EventStore ingest;
    final Waitlist waitlist;
    final Messages test = new Messages("test", "test-1");
    final HoldRoutes holdRoutes;
    final WebServer server;
    final int port;
    final ApiClient api;

    WaitlistFixture(Path dataDir) {
        hub = new HubStoreFixture(dataDir);
        AuditLog audit = new AuditLog(hub.clock);
        holds = new HoldService(hub.database, hub.registry, hub.projection, audit, HoldKey.load(dataDir),
                HoldPolicy.defaults(), (site, node, command) -> sent.add(command.body()), hub.clock);
        waitlist = new Waitlist(hub.database, holds, hub.projection, hub.registry, audit,
                RegionFile.resource(RegionFile.SEED).municipalities(), hub.clock).following();
        ingest = new EventStore(hub.database, hub.registry, hub.projection, hub.clock, Duration.ofSeconds(2), hub.metrics,
                new NodeAnswers(holds), new LostEvents(audit, hub.metrics));
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AccountWeb accounts = new AccountWeb(hub.database, hub.registry, "Regio Amersfoort", hub.projection, audit,
                new RefusedEvents(hub.database), hub.clock, true, metrics, Sessions.DEFAULT_IDLE);
        for (Principal principal : ACCOUNTS) {
            accounts.accounts().create("test", principal.username(), principal.username(), principal.role(), principal.scope(),
                    PASSWORD);
        }
        holdRoutes = new HoldRoutes(holds, hub.registry, hub.projection, Map.of("amersfoort", "Regio Amersfoort"));
        server = new WebServer(new WebServer.Parts(hub.projection, hub.registry, new Healthy(),
                metrics, hub.clock, accounts, List.of(holdRoutes, new WaitlistRoutes(waitlist)), HttpLimits.of(0, List.of())));
        port = server.start("127.0.0.1", 0);
        api = new ApiClient(() -> port, PASSWORD);
        ACCOUNTS.forEach(principal -> api.logIn(principal.username()));
    }

    void deliver(NodeMessage... messages) {
        ingest.store(java.util.Arrays.stream(messages)
                .map(message -> new Inbound(message, hub.clock.instant(), System.nanoTime())).toList());
    }

    /** The test location's node says hello: T1–T4 regular and T5 crisis, all free, and live. */
    void testLocationLive() {
        deliver(test.testBirth());
    }

    /** Adds an entry through the API as CT; returns its JSON. */
    JsonNode add(String need, String decidedOn, String extra) {
        HttpResponse<String> response = post("/api/v1/waitlist", CT, "{\"need\":\"" + need + "\",\"decidedOn\":\"" + decidedOn
                + "\",\"origin\":\"Amersfoort\"" + extra + "}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("adding answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response);
    }

    JsonNode overview() {
        return parse(get("/api/v1/waitlist", CT));
    }

    /** The open entry with {@code id} in the overview, or {@code null} when it is not open. */
    JsonNode entry(String id) {
        for (JsonNode entry : overview().get("entries")) {
            if (entry.get("id").asText().equals(id)) {
                return entry;
            }
        }
        return null;
    }

    /** Rows and audit entries: what a refused request must leave as it was. */
    String state() {
        return hub.count("SELECT COUNT(*) FROM waitlist_entry") + " entries, " + hub.count("SELECT COUNT(*) FROM hold")
                + " holds, " + hub.count("SELECT COUNT(*) FROM audit") + " audit, " + hub.database.read(c -> {
                    try (var statement = c.createStatement();
                         var rows = statement.executeQuery("SELECT group_concat(id || state || priority || COALESCE(exemption,"
                                 + " '') || COALESCE(hold, '') || offers, ',') FROM waitlist_entry")) {
                        rows.next();
                        return rows.getString(1);
                    }
                });
    }

    URI uri(String path) {
        return api.uri(path);
    }

    HttpRequest.Builder request(String path, Principal as) {
        return api.request(path, name(as));
    }

    HttpResponse<String> post(String path, Principal as, String body) {
        return api.post(path, name(as), body);
    }

    HttpResponse<String> put(String path, Principal as, String body) {
        return api.put(path, name(as), body);
    }

    HttpResponse<String> get(String path, Principal as) {
        return api.get(path, name(as));
    }

    HttpResponse<String> delete(String path, Principal as) {
        return api.delete(path, name(as));
    }

    HttpResponse<String> send(HttpRequest request) {
        return api.send(request);
    }

    static JsonNode parse(HttpResponse<String> response) {
        return ApiClient.parse(response);
    }

    private static String name(Principal as) {
        return as == null ? null : as.username();
    }

    @Override
    public void close() {
        server.close();
        holdRoutes.close();
        hub.close();
    }
}
