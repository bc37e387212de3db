package nl.opvang.device.kiosk;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** One HTTP request and its answer: bounded JSON bodies, cookies, and the headers every kiosk answer carries. */
final class Exchange {
    static final String SESSION_COOKIE = "kiosk_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final int MAX_BODY = 16 * 1024;

    private final HttpExchange http;
    private final ObjectMapper mapper;

    Exchange(HttpExchange http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    String method() {
        return http.getRequestMethod();
    }

    String path() {
        return http.getRequestURI().getPath();
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(http.getRequestHeaders().getFirst(name));
    }

    Optional<String> cookie(String name) {
        for (String header : http.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String part : header.split(";")) {
                String[] pair = part.strip().split("=", 2);
                if (pair.length == 2 && pair[0].equals(name)) {
                    return Optional.of(pair[1]);
                }
            }
        }
        return Optional.empty();
    }

    /** The request body bound to its record; a missing, oversized or malformed body is {@link KioskRequest#EMPTY}. */
    KioskRequest body() {
        try (InputStream in = http.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length == 0 || bytes.length > MAX_BODY) {
                return KioskRequest.EMPTY;
            }
            KioskRequest request = mapper.readValue(bytes, KioskRequest.class);
            return request == null ? KioskRequest.EMPTY : request;
        } catch (IOException e) {
            return KioskRequest.EMPTY;
        }
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    void setSessionCookie(String value) {
        http.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict");
    }

    void clearSessionCookie() {
        http.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    void json(int status, JsonNode body) throws IOException {
        send(status, "application/json; charset=utf-8", mapper.writeValueAsBytes(body));
    }

    /** An answer with a Dutch {@code error} sentence. */
    void error(int status, String dutch) throws IOException {
        ObjectNode body = object();
        body.put("error", dutch);
        json(status, body);
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        var headers = http.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        // Everything comes from this server: no CDN, no fonts, no inline script.
        headers.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        http.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
        http.close();
    }

    byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }
}
