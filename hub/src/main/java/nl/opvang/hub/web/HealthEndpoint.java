package nl.opvang.hub.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** {@code GET /health}: up or degraded, the broker link, the database. No location data (DESIGN §6). */
final class HealthEndpoint {
    private final Health health;

    HealthEndpoint(Health health) {
        this.health = health;
    }

    record Answer(String status, String broker, String database) {
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
        boolean up = broker && "ok".equals(database);
        ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .json(new Answer(up ? "up" : "degraded", broker ? "connected" : "disconnected", database));
    }
}
