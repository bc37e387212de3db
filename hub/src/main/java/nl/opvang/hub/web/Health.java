package nl.opvang.hub.web;

/**
 * What {@code GET /health} reports: the broker link and the database. Implemented by the hub's wiring in {@code Main};
 * both methods are called per request, so they must be cheap (no integrity check per call).
 */
public interface Health {
    /** Whether the hub is connected to its MQTT broker. */
    boolean brokerConnected();

    /** {@code "ok"} when the database is usable, otherwise a short description of the problem. */
    String database();
}
