package nl.opvang.hub.placement;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import nl.opvang.protocol.Kind;

/** How long a hold lasts before the place is free again on its own: 2 hours unless set per kind (docs/DESIGN.md §4). */
public record HoldPolicy(Duration defaultExpiry, Map<Kind, Duration> expiryByKind) {
    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(2);

    public HoldPolicy {
        if (defaultExpiry == null || defaultExpiry.isNegative() || defaultExpiry.isZero()) {
            throw new IllegalArgumentException("defaultExpiry must be positive");
        }
        expiryByKind = expiryByKind.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(expiryByKind));
        expiryByKind.forEach((kind, expiry) -> {
            if (expiry.isNegative() || expiry.isZero()) {
                throw new IllegalArgumentException("expiry for " + kind.wire() + " must be positive");
            }
        });
    }

    public static HoldPolicy defaults() {
        return new HoldPolicy(DEFAULT_EXPIRY, Map.of());
    }

    public Duration expiry(Kind kind) {
        return expiryByKind.getOrDefault(kind, defaultExpiry);
    }
}
