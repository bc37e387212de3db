package nl.opvang.hub.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import nl.opvang.hub.json.Json;

/**
 * A test's HTTP client for a hub on 127.0.0.1: logs in as an account ({@code POST /api/v1/login}) and calls the API
 * with that account's bearer token, or with none for {@code null}. Shared by the feature fixtures, which name accounts
 * their own way (a username, a principal, a role) and decide when to log in again.
 */
public final class ApiClient {
    private final IntSupplier port;
    private final String password;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** For the hub listening on {@code port} (asked each time: a restarted hub has another), every account with {@code password}. */
    public ApiClient(IntSupplier port, String password) {
        this.port = port;
        this.password = password;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port.getAsInt() + path);
    }

    public HttpClient http() {
        return http;
    }

    /** Logs {@code username} in (again) and keeps the token; a refused login fails the test. */
    public String logIn(String username) {
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/api/v1/login")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password
                        + "\"}")).build());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("login as " + username + " answered " + login.statusCode() + ": " + login.body());
        }
        String token = parse(login).get("token").asText();
        tokens.put(username, token);
        return token;
    }

    /** Whether {@code username} has a token (logged in and not {@link #forget forgotten} since). */
    public boolean loggedIn(String username) {
        return tokens.containsKey(username);
    }

    /** Forgets every token: the next requests of an account log it in first only when its fixture says so. */
    public void forget() {
        tokens.clear();
    }

    /** A request to {@code path} with {@code username}'s bearer token ({@code null}: no credentials). */
    public HttpRequest.Builder request(String path, String username) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (username != null) {
            request.header("Authorization", "Bearer " + tokens.get(username));
        }
        return request;
    }

    public HttpResponse<String> get(String path, String username) {
        return send(request(path, username).GET().build());
    }

    public HttpResponse<String> post(String path, String username, String body) {
        return send(request(path, username).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> put(String path, String username, String body) {
        return send(request(path, username).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> delete(String path, String username) {
        return send(request(path, username).DELETE().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode parse(HttpResponse<String> response) {
        return parse(response.body());
    }

    public static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
