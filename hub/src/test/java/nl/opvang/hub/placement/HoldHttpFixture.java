package nl.opvang.hub.placement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.account.AccountWeb;
import nl.opvang.hub.account.Sessions;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.ingest.RefusedEvents;
import nl.opvang.hub.referral.ReferralRoutes;
import nl.opvang.hub.referral.Referrals;
import nl.opvang.hub.store.DataKey;
import nl.opvang.hub.testkit.ApiClient;
import nl.opvang.hub.testkit.Healthy;
import nl.opvang.hub.web.HttpLimits;
import nl.opvang.hub.web.WebServer;

/**
 * A real hub web server on a free port with the holds' and the referrals' routes over {@link PlacementFixture}, behind the real
 * authentication: each test principal is a real account (demo mode: password {@code demo}) with its own bearer token.
 */
final class HoldHttpFixture implements AutoCloseable {
    static final String PASSWORD = "demo";
    static final List<Principal> PRINCIPALS = List.of(PlacementFixture.CT, PlacementFixture.VEILIG_THUIS,
            PlacementFixture.OTHER_VT, PlacementFixture.VO_DESK, PlacementFixture.OTHER_DESK, PlacementFixture.NIGHT_TEST,
            new Principal(7, "vo-demo", nl.opvang.hub.http.Role.VO_DESK, "Demo"), PlacementFixture.OTHER_CT);
    final PlacementFixture store;
    final AccountWeb accounts;
    final HoldRoutes routes;
    final ReferralRoutes referrals;
    final WebServer server;
    final int port;
    final ApiClient api;
    final HttpClient http;
    final ObjectMapper json = new ObjectMapper();

    HoldHttpFixture(Path dataDir) {
        this(dataDir, HoldPolicy.defaults(), HttpLimits.defaults());
    }

    HoldHttpFixture(Path dataDir, HoldPolicy policy) {
        this(dataDir, policy, HttpLimits.defaults());
    }

    /** With the server's request size and rate limits (the fuzz tests switch the rate limit off). */
    HoldHttpFixture(Path dataDir, HttpLimits limits) {
        this(dataDir, HoldPolicy.defaults(), limits);
    }

    HoldHttpFixture(Path dataDir, HoldPolicy policy, HttpLimits limits) {
        store = new PlacementFixture(dataDir, policy);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        accounts = new AccountWeb(store.hub.database, store.hub.registry, "Regio Amersfoort", store.hub.projection,
                new AuditLog(store.hub.clock), new RefusedEvents(store.hub.database), store.hub.clock, true, metrics,
                Sessions.DEFAULT_IDLE);
        for (Principal principal : PRINCIPALS) {
            accounts.accounts().create("test", principal.username(), principal.username(), principal.role(), principal.scope(),
                    PASSWORD);
        }
        routes = new HoldRoutes(store.holds, store.hub.registry, store.hub.projection, Map.of("amersfoort", "Regio Amersfoort"));
        // Veilig Thuis's referrals to the VO desk (issue 14), on the same holds.
        referrals = new ReferralRoutes(new Referrals(store.hub.database, store.holds, store.hub.registry,
                new AuditLog(store.hub.clock), DataKey.load(dataDir), store.hub.clock), store.hub.projection);
        server = new WebServer(new WebServer.Parts(store.hub.projection, store.hub.registry, new Healthy(),
                metrics, store.hub.clock, accounts, List.of(routes, referrals), limits));
        port = server.start("127.0.0.1", 0);
        api = new ApiClient(() -> port, PASSWORD);
        http = api.http();
        PRINCIPALS.forEach(principal -> api.logIn(principal.username()));
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

    HttpResponse<String> get(String path, Principal as) {
        return api.get(path, name(as));
    }

    HttpResponse<String> delete(String path, Principal as) {
        return api.delete(path, name(as));
    }

    HttpResponse<String> send(HttpRequest request) {
        return api.send(request);
    }

    JsonNode parse(HttpResponse<String> response) {
        return ApiClient.parse(response);
    }

    private static String name(Principal as) {
        return as == null ? null : as.username();
    }

    @Override
    public void close() {
        server.close();
        routes.close();
        referrals.close();
        store.close();
    }
}
