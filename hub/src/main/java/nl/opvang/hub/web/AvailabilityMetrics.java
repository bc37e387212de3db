package nl.opvang.hub.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.Registry;
import nl.opvang.protocol.Kind;

/**
 * Gauges for operators (docs/DESIGN.md §6, §9): nodes by freshness and the region's free places by kind. Aggregates
 * only: no location names, no personal data, so that a metrics scrape can leave the building.
 */
final class AvailabilityMetrics {
    private final AvailabilityProjection projection;
    private final Registry registry;
    private final Clock clock;

    AvailabilityMetrics(AvailabilityProjection projection, Registry registry, Clock clock, MeterRegistry metrics) {
        this.projection = projection;
        this.registry = registry;
        this.clock = clock;
        for (Freshness freshness : Freshness.values()) {
            Gauge.builder("opvang.nodes", () -> nodes(freshness)).tag("freshness", freshness.wire())
                    .description("Nodes by freshness: live, stale (silent past its heartbeat) or offline").register(metrics);
        }
        for (Kind kind : Kind.values()) {
            Gauge.builder("opvang.free.places", () -> freePlaces(kind)).tag("kind", kind.wire())
                    .description("Free places in the region that a live node confirms").register(metrics);
        }
    }

    private int nodes(Freshness freshness) {
        long now = clock.millis();
        int count = 0;
        for (Location location : registry.locations()) {
            for (NodeSpec node : location.nodes()) {
                Freshness actual = projection.node(node.code()).map(state -> state.freshness(now)).orElse(Freshness.OFFLINE);
                if (actual == freshness) {
                    count++;
                }
            }
        }
        return count;
    }

    private int freePlaces(Kind kind) {
        int free = 0;
        for (LocationAvailability location : projection.snapshot().locations().values()) {
            for (KindAvailability each : location.kinds()) {
                if (each.kind() == kind) {
                    free += each.free();
                }
            }
        }
        return free;
    }
}
