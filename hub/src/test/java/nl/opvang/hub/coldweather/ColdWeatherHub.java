package nl.opvang.hub.coldweather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> tokens = new HashMap<>();
    Hub hub;

    /** One answer: status and body. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    ColdWeatherHub(Path data, Clock clock) {
        this.data = data;
        this.clock = clock;
        start();
    }

    void start() {
        hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(data).build(), clock);
        tokens.clear();
    }

    /** Moves the hub's clock; sessions may end with it, so the accounts log in again. */
    void advance(Duration duration) {
        ((MutableClock) clock).advance(duration);
        tokens.clear();
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
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (account != null) {
            request.header("Authorization", "Bearer " + token(account));
        }
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
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }

    private String token(String account) {
        return tokens.computeIfAbsent(account, name -> {
            Answer login = exchange(HttpRequest.newBuilder(uri("/api/v1/login")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\",\"password\":\"demo\"}"))
                    .build());
            if (login.status() != 200) {
                throw new IllegalStateException("login as " + name + " answered " + login);
            }
            return login.json().get("token").asText();
        });
    }

    private Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (hub != null) {
            stop();
        }
    }
}
