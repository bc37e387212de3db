package nl.opvang.hub.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every answer of the hub carries and every request must pass before a route sees it: security headers (also on
 * errors, on 404 and on static files), the request size limit (413) and the rate limit per client address (429 with
 * {@code Retry-After}). Both refusals are counted in {@code opvang_http_refused_total{reason}}. The client address and
 * scheme are resolved here too, believing {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only from the trusted
 * reverse proxies of {@link HttpLimits}, so the login throttle and the rate limiter see the same address.
 */
final class Hardening {
    /**
     * Scripts, styles and connections only from the hub itself, no inline script or style, no framing: a name that
     * slipped past escaping still cannot run as code, and no other site can frame a page to trick a click.
     */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin",
            "X-Frame-Options", "DENY");
    /** A year; sent only over TLS, as RFC 6797 §7.2 requires. */
    private static final String HSTS = "max-age=31536000";
    /** Oversized bodies up to this size are read and dropped before the 413, so the client gets to read it. */
    private static final long DRAINED_BYTES = 1024 * 1024;
    /** Monitoring must keep working during a flood, and its answers hold nothing personal. */
    private static final Set<String> NOT_LIMITED = Set.of("/health", "/metrics");

    private final HttpLimits limits;
    private final Set<String> trustedProxies;
    private final RateLimiter rateLimiter;
    private final Counter tooLarge;
    private final Counter tooMany;

    Hardening(HttpLimits limits, Clock clock, MeterRegistry metrics) {
        this.limits = limits;
        this.trustedProxies = Set.copyOf(limits.trustedProxies());
        this.rateLimiter = limits.perMinute() == 0 ? null : new RateLimiter(clock, limits.perMinute(), limits.burst());
        this.tooLarge = refused(metrics, "too_large");
        this.tooMany = refused(metrics, "rate_limited");
    }

    private static Counter refused(MeterRegistry metrics, String reason) {
        return Counter.builder("opvang_http_refused").tag("reason", reason)
                .description("HTTP requests refused before any route saw them").register(metrics);
    }

    /** Runs before every request, matched or not. */
    void before(Context ctx) {
        HEADERS.forEach(ctx::header);
        // Personal or live data by default; static files relax this to no-cache (Resources).
        ctx.header("Cache-Control", "no-store");
        if ("https".equals(scheme(ctx))) {
            ctx.header("Strict-Transport-Security", HSTS);
        }
        long length = ctx.req().getContentLengthLong();
        if (length > limits.maxRequestBytes()) {
            // Refused before authentication reads anything. A body of moderate size is read and dropped first: a server
            // that closes a connection with unread bytes in it resets it, and the client may then lose the 413 itself
            // (HttpHardeningTest saw "header parser received no bytes" about one run in four).
            if (length <= DRAINED_BYTES) {
                discardBody(ctx);
            }
            throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), tooLargeMessage());
        }
        if (length < 0 && ctx.header("Transfer-Encoding") != null) {
            // A chunked body has no length up front: read it now, under Javalin's limit (413 past it), so that a route
            // that turns any reading problem into 400 still gets the body from Javalin's cache, never the stream.
            try {
                ctx.bodyAsBytes();
            } catch (HttpResponseException e) {
                // Past the limit the rest is still on its way: read and drop it (up to a bound) as for a declared
                // length, or the close resets the connection and the client may lose the 413 (issue 11, "Also").
                if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
                    discardBody(ctx);
                }
                throw e;
            }
        }
        if (rateLimiter != null && !NOT_LIMITED.contains(ctx.path())) {
            Duration wait = rateLimiter.take(clientAddress(ctx));
            if (!wait.isZero()) {
                tooMany.increment();
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                ctx.header("Retry-After", Long.toString(seconds));
                throw new HttpResponseException(HttpStatus.TOO_MANY_REQUESTS.getCode(),
                        "Te veel verzoeken vanaf dit adres; probeer het over " + seconds + (seconds == 1 ? " seconde" : " seconden")
                                + " opnieuw");
            }
        }
    }

    /** Reads and drops what is left of the body, at most {@link #DRAINED_BYTES}: a chunked body has no length to trust. */
    private static void discardBody(Context ctx) {
        try (InputStream body = ctx.req().getInputStream()) {
            byte[] buffer = new byte[16 * 1024];
            long left = DRAINED_BYTES;
            int read;
            while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= read;
            }
        } catch (IOException e) {
            // The client went away: nothing to answer.
        }
    }

    /** Counts a 413 and gives its message; called for ours and for Javalin's own limit on reading a body. */
    String tooLarge() {
        tooLarge.increment();
        return tooLargeMessage();
    }

    private String tooLargeMessage() {
        return "Het verzoek is te groot (meer dan " + limits.maxRequestBytes() / 1024 + " KiB)";
    }

    /** The client's address: the peer, or for a trusted proxy the right-most forwarded address it did not add itself. */
    String clientAddress(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** {@code https} when the request came over TLS, directly or through a trusted proxy that says so. */
    String scheme(Context ctx) {
        String direct = ctx.req().getScheme();
        if (trustedProxies.contains(ctx.req().getRemoteAddr())) {
            String proto = ctx.header("X-Forwarded-Proto");
            if (proto != null && !proto.isBlank()) {
                return proto.split(",")[0].strip().toLowerCase(Locale.ROOT);
            }
        }
        return direct;
    }
}
