package nl.opvang.hub.http;

import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The files of the web interface in {@code nl/opvang/hub/web/} (pages, templates, style, script, the words, the
 * OpenAPI document), read once from the jar. No build step and no CDN: the hub's network may be closed, and a page
 * must work from the hub alone. The one way the hub serves a file.
 */
public final class Resources {
    static final String FOLDER = "/nl/opvang/hub/web/";

    private Resources() {
    }

    /** A handler serving one file of {@code nl/opvang/hub/web/} with the given content type. */
    public static Handler serve(String name, String contentType) {
        byte[] body = read(name);
        return ctx -> cacheable(ctx.contentType(contentType)).result(body);
    }

    /**
     * A handler serving one file of a library packed in a webjar ({@code META-INF/resources/webjars/...} on the class
     * path, a Maven dependency), so that a page needs no CDN either; a missing file is a broken jar.
     */
    public static Handler serveLibrary(String path, String contentType) {
        try (InputStream in = Resources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("library file " + path + " is missing from the hub jar");
            }
            byte[] body = in.readAllBytes();
            return ctx -> cacheable(ctx.contentType(contentType)).result(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Marks an answer as a static file: it may be kept, but is checked again on every use. Every other answer is
     * {@code no-store} (web.Hardening), and the security headers come from there too.
     */
    static io.javalin.http.Context cacheable(io.javalin.http.Context ctx) {
        return ctx.header("Cache-Control", "no-cache");
    }

    /** The bytes of one file of {@code nl/opvang/hub/web/}; a missing file is a broken jar. */
    public static byte[] read(String name) {
        String path = FOLDER + name;
        try (InputStream in = Resources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + path + " is missing from the hub jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One file of {@code nl/opvang/hub/web/} as UTF-8 text. */
    public static String text(String name) {
        return new String(read(name), StandardCharsets.UTF_8);
    }
}
