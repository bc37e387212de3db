package nl.opvang.hub.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * {@code GET /health}: up or degraded, the broker link, the database, the audit chain. No location data
 * (docs/DESIGN.md §6). 503 when the hub cannot do its work (no broker, no database); a broken audit chain alone is
 * "degraded" with 200.
 */
final class HealthEndpoint {
    private final Health health;

    HealthEndpoint(Health health) {
        this.health = health;
    }

    record Answer(String status, String broker, String database, String audit) {
    }

    void get(Context ctx) {
        boolean broker = health.brokerConnected();
        String database;
        try {
            database = health.database();
        } catch (RuntimeException e) {
            // A failing check is itself the answer; its message may name file paths, which /health does not show.
            database = "unavailable";
        }
        boolean serving = broker && "ok".equals(database);
        String audit = health.audit();
        boolean up = serving && "ok".equals(audit);
        ctx.status(serving ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .json(new Answer(up ? "up" : "degraded", broker ? "connected" : "disconnected", database, audit));
    }
}
