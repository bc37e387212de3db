package nl.opvang.hub.coldweather;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.testkit.ApiClient;
import nl.opvang.testing.MutableClock;

/**
 * A real hub in this process (the seed region, its embedded broker, a SQLite file in {@code data}, demo accounts with
 * password {@code demo}) on a hand-moved clock, spoken to over HTTP with bearer tokens; it can be stopped and started
 * again on the same data folder.
 */
final class ColdWeatherHub implements AutoCloseable {
    static final String CT = "ct";
    static final String ADMIN = "admin";
    static final String VEILIG_THUIS = "veiligthuis";
    static final String VO_DESK = "vo-desk";
    static final String NIGHT_STAFF = "nacht-amergaard";

    final Clock clock;
    final Path data;
    private final ApiClient api = new ApiClient(() -> this.hub.httpPort(), "demo");
    Hub hub;

    /** One answer: status and body. */
    record Answer(int status, String body) {
        JsonNode json() {
            return ApiClient.parse(body);
        }
    }

    ColdWeatherHub(Path data, Clock clock) {
        this.data = data;
        this.clock = clock;
        start();
    }

    void start() {
        // One client plays every user from one address: no per-address rate limit.
        hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(data).httpRateLimit(0).build(), clock);
        api.forget();
    }

    /** Moves the hub's clock; sessions may end with it, so the accounts log in again. */
    void advance(Duration duration) {
        ((MutableClock) clock).advance(duration);
        api.forget();
    }

    void stop() {
        hub.close();
        hub = null;
    }

    Answer get(String account, String path) {
        return send(account, "GET", path, null);
    }

    Answer post(String account, String path, String body) {
        return send(account, "POST", path, body);
    }

    Answer delete(String account, String path) {
        return send(account, "DELETE", path, null);
    }

    /** A request as {@code account}, or without credentials when it is {@code null}. */
    Answer send(String account, String method, String path, String body) {
        if (account != null && !api.loggedIn(account)) {
            api.logIn(account);
        }
        HttpRequest.Builder request = api.request(path, account)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request.build());
    }

    /** The state as {@code account} reads it. */
    JsonNode state(String account) {
        Answer answer = get(account, "/api/v1/cold-weather");
        if (answer.status() != 200) {
            throw new IllegalStateException("GET /api/v1/cold-weather answered " + answer);
        }
        return answer.json();
    }

    /** The audit entries of one action, newest first, as an admin reads them. */
    List<JsonNode> audit(String action) {
        List<JsonNode> entries = new ArrayList<>();
        get(ADMIN, "/api/v1/audit?action=" + action).json().forEach(entries::add);
        return entries;
    }

    /** The text of {@code /metrics} on the hub's metrics listener. */
    String metrics() {
        return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.metricsPort() + "/metrics")).GET()
                .build()).body();
    }

    URI uri(String path) {
        return api.uri(path);
    }

    private Answer exchange(HttpRequest request) {
        HttpResponse<String> response = api.send(request);
        return new Answer(response.statusCode(), response.body());
    }

    @Override
    public void close() {
        if (hub != null) {
            stop();
        }
    }
}
