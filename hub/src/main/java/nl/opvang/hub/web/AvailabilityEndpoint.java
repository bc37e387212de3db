package nl.opvang.hub.web;

import io.javalin.http.Context;
import java.time.Clock;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.Visibility;
import nl.opvang.hub.http.Access;

/** {@code GET /api/v1/availability}: every location's free places now, from the in-memory projection, as the caller's role may see them. */
final class AvailabilityEndpoint {
    private final AvailabilityProjection projection;
    private final Clock clock;
    private final Visibility visibility;

    AvailabilityEndpoint(AvailabilityProjection projection, Clock clock, Visibility visibility) {
        this.projection = projection;
        this.clock = clock;
        this.visibility = visibility;
    }

    void get(Context ctx) {
        AvailabilityFilter filter = AvailabilityFilter.from(ctx);
        ctx.json(AvailabilityAnswer.of(projection.snapshot(), filter, clock.instant(), Access.principal(ctx),
                visibility));
    }
}
