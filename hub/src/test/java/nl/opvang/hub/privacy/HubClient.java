package nl.opvang.hub.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP to a running hub as its demo accounts (password {@code demo}, bearer tokens from {@code POST /api/v1/login}),
 * or without credentials ({@code null} account).
 */
final class HubClient {
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new HashMap<>();

    /** One answer: status, headers and body as text. */
    record Answer(int status, Map<String, ?> headers, String body) {
    }

    HubClient(int port) {
        this.port = port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Answer send(String account, String method, String path, String body) {
        HttpRequest.Builder request = request(account, path)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A Server-Sent Events stream, read until its first whole frame (the snapshot comes first) or until it ends;
     * at most {@code atMost}. A refused stream (401, 403) ends at once with its error body.
     */
    Answer stream(String account, String path, Duration atMost) {
        try {
            HttpResponse<InputStream> response = http.send(request(account, path).header("Accept", "text/event-stream")
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            StringBuffer text = new StringBuffer();
            try (InputStream body = response.body()) {
                CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> readFrame(body, text));
                try {
                    reading.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    text.append("\n(no whole frame within ").append(atMost).append(")");
                } catch (ExecutionException e) {
                    text.append("\n(read failed: ").append(e.getCause()).append(")");
                }
            }
            return new Answer(response.statusCode(), response.headers().map(), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void readFrame(InputStream body, StringBuffer text) {
        byte[] buffer = new byte[8192];
        try {
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                text.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                if (text.indexOf("\ndata:") >= 0 && text.indexOf("\n\n", text.indexOf("\ndata:")) >= 0) {
                    return;
                }
            }
        } catch (IOException e) {
            // The stream was closed: what was read so far is the answer.
        }
    }

    /** The bearer tokens handed out so far (stored hashed at the hub: they must show up nowhere else). */
    Collection<String> tokens() {
        return List.copyOf(tokens.values());
    }

    private HttpRequest.Builder request(String account, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (account != null) {
            request.header("Authorization", "Bearer " + token(account));
        }
        return request;
    }

    private String token(String account) {
        return tokens.computeIfAbsent(account, name -> {
            Answer login = send(null, "POST", "/api/v1/login", "{\"username\":\"" + name + "\",\"password\":\"demo\"}");
            if (login.status() != 200) {
                throw new IllegalStateException("login as " + name + " answered " + login.status() + ": " + login.body());
            }
            try {
                return new ObjectMapper().readTree(login.body()).get("token").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
