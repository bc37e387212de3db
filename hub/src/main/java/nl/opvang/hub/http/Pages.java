package nl.opvang.hub.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Sending server-rendered pages ({@link Template}), and times written the Dutch way on the region's clock. Every page
 * is under the strict policy that web.Hardening puts on every answer: no inline script or style.
 */
public final class Pages {
    /** The region's clock: times are stored in UTC and shown in Europe/Amsterdam (docs/DESIGN.md §4). */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Locale DUTCH = Locale.forLanguageTag("nl-NL");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", DUTCH).withZone(ZONE);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", DUTCH).withZone(ZONE);
    private static final Template MESSAGE = Template.of("pages/message.html");

    private Pages() {
    }

    /**
     * A handler for a page filled once at start, whose only server values are words (the CT dashboard's column heads);
     * cacheable like a static file.
     */
    public static Handler serve(Html page) {
        byte[] body = page.markup().getBytes(StandardCharsets.UTF_8);
        return ctx -> Resources.cacheable(ctx.contentType("text/html; charset=utf-8")).result(body);
    }

    /** Sends a page with status 200. */
    public static void send(Context ctx, Html page) {
        send(ctx, 200, page);
    }

    /** Sends a page; its security headers come from web.Hardening, like every answer of the hub. */
    public static void send(Context ctx, int status, Html page) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(page.markup());
    }

    /** A small page with a heading, a sentence and one link (redirects, refusals). */
    public static Html message(String title, String text, String link, String linkText) {
        return MESSAGE.fill(Map.of("title", title, "text", text, "link", link, "link-text", linkText));
    }

    /** "22 november 2026 23:14", Europe/Amsterdam. */
    public static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    /** "22 nov 23:14", Europe/Amsterdam. */
    public static String dayTime(Instant instant) {
        return DAY_TIME.format(instant);
    }
}
