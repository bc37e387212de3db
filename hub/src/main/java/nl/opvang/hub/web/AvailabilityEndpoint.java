package nl.opvang.hub.web;

import io.javalin.http.Context;
import java.time.Clock;
import nl.opvang.hub.availability.AvailabilityProjection;

/** {@code GET /api/v1/availability}: every location's free places now, from the in-memory projection. */
final class AvailabilityEndpoint {
    private final AvailabilityProjection projection;
    private final Clock clock;

    AvailabilityEndpoint(AvailabilityProjection projection, Clock clock) {
        this.projection = projection;
        this.clock = clock;
    }

    void get(Context ctx) {
        AvailabilityFilter filter = AvailabilityFilter.from(ctx);
        ctx.json(AvailabilityAnswer.of(projection.snapshot(), filter, clock.instant()));
    }
}
