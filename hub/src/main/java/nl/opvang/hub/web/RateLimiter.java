package nl.opvang.hub.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address (docs/DESIGN.md §9, a flood of requests). Each address starts with {@code burst}
 * tokens, gets {@code perMinute} back per minute, and a request costs one. Buckets that have refilled completely are
 * dropped now and then, so a flood from many addresses cannot grow the map without bound.
 */
final class RateLimiter {
    private static final int SWEEP_EVERY = 1024;
    private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

    private final Clock clock;
    private final int perMinute;
    private final int burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private int sinceSweep;

    RateLimiter(Clock clock, int perMinute, int burst) {
        this.clock = clock;
        this.perMinute = perMinute;
        this.burst = burst;
    }

    /** Takes one token for {@code client}: zero when allowed, else how long until the next token. */
    Duration take(String client) {
        long now = nanos();
        sweepNowAndThen(now);
        Bucket bucket = buckets.computeIfAbsent(client, key -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now, perMinute, burst);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Duration.ZERO;
            }
            double missing = 1 - bucket.tokens;
            return Duration.ofNanos((long) Math.ceil(missing * NANOS_PER_MINUTE / perMinute));
        }
    }

    private void sweepNowAndThen(long now) {
        boolean sweep;
        synchronized (this) {
            sweep = ++sinceSweep >= SWEEP_EVERY;
            if (sweep) {
                sinceSweep = 0;
            }
        }
        if (sweep) {
            buckets.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    entry.getValue().refill(now, perMinute, burst);
                    return entry.getValue().tokens >= burst;
                }
            });
        }
    }

    private long nanos() {
        Instant instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        void refill(long now, int perMinute, int burst) {
            if (now > updated) {
                tokens = Math.min(burst, tokens + (double) (now - updated) * perMinute / NANOS_PER_MINUTE);
                updated = now;
            }
        }
    }
}
