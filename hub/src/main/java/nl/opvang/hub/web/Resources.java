package nl.opvang.hub.web;

import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The static files of the web interface (pages, style, script, the OpenAPI document), read once from the jar. No
 * build step and no CDN: the hub's network may be closed, and the page must work from the hub alone.
 */
final class Resources {
    private Resources() {
    }

    /** A handler serving one resource of {@code nl/opvang/hub/web/} with the given content type. */
    static Handler serve(String name, String contentType) {
        byte[] body = read(name);
        // Security headers come from Hardening on every answer; a resource may be cached but is checked again.
        return ctx -> ctx.header("Cache-Control", "no-cache").contentType(contentType).result(body);
    }

    static byte[] read(String name) {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the hub jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
