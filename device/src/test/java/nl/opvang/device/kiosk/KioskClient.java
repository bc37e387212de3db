package nl.opvang.device.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The page's side of the API over real HTTP: keeps the session cookie like a browser, sends the CSRF token when it has one. */
final class KioskClient {
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final URI base;
    String csrf;

    KioskClient(URI base) {
        this.base = base;
    }

    /** One answer: status and raw body (the raw text is what privacy assertions search). */
    record Answer(int status, String body, JsonNode json) {
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return send(request.build());
    }

    Answer unlock(String pin) throws IOException, InterruptedException {
        Answer answer = post("/api/unlock", "{\"pin\":\"" + pin + "\"}");
        if (answer.status() == 200) {
            csrf = answer.json().get("csrf").asText();
        }
        return answer;
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        JsonNode json = body.isEmpty() ? mapper.createObjectNode() : parse(body);
        return new Answer(response.statusCode(), body, json);
    }

    private JsonNode parse(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }
}
