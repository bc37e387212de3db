package nl.opvang.hub.web;

import java.time.Duration;
import java.util.List;

/**
 * The limits of the web interface: the largest request body, and how many requests one client address may make per
 * minute (a token bucket of {@code burst} requests that refills at {@code perMinute}). Addresses listed in
 * {@code trustedProxies} are reverse proxies: for a request from one of them, the client is the right-most address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy, and {@code X-Forwarded-Proto} says whether it came over TLS.
 * A client must send a request's whole header within {@code headerDeadline} of its first byte, or the connection is
 * closed: the idle timeout alone restarts with every byte, so 50 clients sending one header byte a second each held 50
 * connections open for as long as they liked ("slowloris"). Bodies and answers (SSE streams) are not limited by it.
 *
 * @param maxRequestBytes largest request body accepted; larger ones get 413
 * @param perMinute       requests per minute per client address; 0 switches the limit off
 * @param burst           requests one address may make at once before the per-minute rate applies
 * @param trustedProxies  addresses of reverse proxies whose forwarding headers are believed
 * @param headerDeadline  longest time from a request's first byte to the end of its header
 */
public record HttpLimits(long maxRequestBytes, int perMinute, int burst, List<String> trustedProxies,
                         Duration headerDeadline) {
    /** Request bodies of the hub are small JSON or form posts; 64 KiB matches the MQTT message size limit. */
    public static final long MAX_REQUEST_BYTES = 64 * 1024;
    /** A browser sends a header of a few hundred bytes in one packet; 10 s is room for the slowest mobile link. */
    public static final Duration HEADER_DEADLINE = Duration.ofSeconds(10);

    public HttpLimits {
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be positive");
        }
        if (perMinute < 0 || burst < 0 || (perMinute > 0 && burst < 1)) {
            throw new IllegalArgumentException("perMinute and burst must be at least 1, or perMinute 0 for no limit");
        }
        if (headerDeadline.isNegative() || headerDeadline.isZero()) {
            throw new IllegalArgumentException("headerDeadline must be positive");
        }
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** With the default header deadline. */
    public HttpLimits(long maxRequestBytes, int perMinute, int burst, List<String> trustedProxies) {
        this(maxRequestBytes, perMinute, burst, trustedProxies, HEADER_DEADLINE);
    }

    /** These limits with another header deadline. */
    public HttpLimits withHeaderDeadline(Duration deadline) {
        return new HttpLimits(maxRequestBytes, perMinute, burst, trustedProxies, deadline);
    }

    /** The production limits: {@code perMinute} per address (0: none), a burst of a fifth of that, at least 60. */
    public static HttpLimits of(int perMinute, List<String> trustedProxies) {
        return new HttpLimits(MAX_REQUEST_BYTES, perMinute, Math.max(60, perMinute / 5), trustedProxies);
    }

    /** The defaults: 600 requests per minute per address, no trusted proxy. */
    public static HttpLimits defaults() {
        return of(600, List.of());
    }
}
