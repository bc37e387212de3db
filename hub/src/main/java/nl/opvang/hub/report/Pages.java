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
 * Serving the pages of the report, print and audit views: under the strict policy web.Hardening puts on every answer (no
 * inline script or style), text escaped on the way into server-rendered HTML, times in Dutch on the region's clock.
 */
public final class Pages {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", Locale.forLanguageTag("nl-NL")).withZone(Nights.ZONE);
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.forLanguageTag("nl-NL")).withZone(Nights.ZONE);

    private Pages() {
    }

    /** Sends a server-rendered page. */
    public static void html(Context ctx, String html) {
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    /** A handler for a static file of {@code nl/opvang/hub/web/}, read once. */
    public static Handler resource(String name, String contentType) {
        byte[] body = read(name);
        // Security headers and Cache-Control: no-store come from Hardening on every answer.
        return ctx -> ctx.contentType(contentType).result(body);
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
