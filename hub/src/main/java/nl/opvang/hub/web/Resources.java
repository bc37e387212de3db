package nl.opvang.hub.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The static files of the web interface (pages, style, script, the OpenAPI document), read once from the jar. No
 * build step and no CDN: the hub's network may be closed, and the page must work from the hub alone.
 */
final class Resources {
    /**
     * Pages get a strict policy: scripts, styles and connections only from the hub itself, no inline script. A name
     * that slipped past escaping still cannot run as code.
     */
    private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private Resources() {
    }

    /** A handler serving one resource of {@code nl/opvang/hub/web/} with the given content type. */
    static Handler serve(String name, String contentType) {
        byte[] body = read(name);
        boolean page = contentType.startsWith("text/html");
        return ctx -> send(ctx, body, contentType, page);
    }

    private static void send(Context ctx, byte[] body, String contentType, boolean page) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-cache");
        if (page) {
            ctx.header("Content-Security-Policy", PAGE_POLICY);
            ctx.header("Referrer-Policy", "no-referrer");
        }
        ctx.contentType(contentType).result(body);
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
