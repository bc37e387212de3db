package nl.opvang.hub.ingest;

import io.javalin.http.Context;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.QueryLimit;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;

/**
 * {@code GET /api/v1/admin/refused?limit=100}: the events the hub refused, newest first, for the admin page (docs/DESIGN.md
 * §3: a refused event is kept whole and shown to admins with its node and time).
 */
public final class RefusalRoutes implements WebFeature {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final RefusedEvents refused;

    public RefusalRoutes(RefusedEvents refused) {
        this.refused = refused;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/v1/admin/refused", Access.roles(Role.ADMIN), this::list);
    }

    private void list(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(refused.newest(QueryLimit.of(ctx, DEFAULT_LIMIT, MAX_LIMIT)));
    }

}
