package nl.opvang.hub.ingest;

import io.javalin.http.Context;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.store.Database;

/**
 * {@code GET /api/v1/admin/lost-events}: the gaps recorded by {@link LostEvents}, newest first, for the list on
 * {@code /admin} ("Verloren gebeurtenissen"): which node, which seqs, when. Admins only; no client data in it.
 */
public final class LostEventRoutes implements WebFeature {
    private static final int SHOWN = 100;

    private final LostEvents lost;
    private final Database database;

    public LostEventRoutes(LostEvents lost, Database database) {
        this.lost = lost;
        this.database = database;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/v1/admin/lost-events", Access.roles(Role.ADMIN), this::list);
    }

    private void list(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(lost.recent(database, SHOWN).stream().map(gap -> new View(gap.node(), gap.session(), gap.from(), gap.to(),
                gap.events(), gap.birthSeq(), gap.at().toString())).toList());
    }

    /** One gap as the API gives it. */
    record View(String node, String session, long from, long to, long events, long birthSeq, String at) {
    }
}
