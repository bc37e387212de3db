package nl.opvang.hub.report;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Serving the pages of the report, print and audit views: the same strict policy as the CT page (no inline script or
 * style), text escaped on the way into server-rendered HTML, times in Dutch on the region's clock.
 */
public final class Pages {
    private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", Locale.forLanguageTag("nl-NL")).withZone(Nights.ZONE);
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.forLanguageTag("nl-NL")).withZone(Nights.ZONE);

    private Pages() {
    }

    /** Sends a server-rendered page with the page headers. */
    public static void html(Context ctx, String html) {
        headers(ctx, true);
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    /** A handler for a static file of {@code nl/opvang/hub/web/}, read once. */
    public static Handler resource(String name, String contentType) {
        byte[] body = read(name);
        boolean page = contentType.startsWith("text/html");
        return ctx -> {
            headers(ctx, page);
            ctx.contentType(contentType).result(body);
        };
    }

    private static void headers(Context ctx, boolean page) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        if (page) {
            ctx.header("Content-Security-Policy", PAGE_POLICY);
            ctx.header("Referrer-Policy", "no-referrer");
        }
    }

    private static byte[] read(String name) {
        String path = "/nl/opvang/hub/web/" + name;
        try (InputStream in = Pages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + path + " is missing from the hub jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text made safe for HTML element content and quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** "22 november 2026 23:14", Europe/Amsterdam. */
    public static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    /** "22 nov 23:14", Europe/Amsterdam. */
    public static String dayTime(Instant instant) {
        return DAY_TIME.format(instant);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
