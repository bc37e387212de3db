package nl.opvang.hub.web;

/**
 * What {@code GET /health} reports: the broker link, the database and the audit chain. Implemented by the hub's wiring
 * in {@code Main}; the methods are called per request, so they must be cheap (no integrity check per call).
 */
public interface Health {
    /** Whether the hub is connected to its MQTT broker. */
    boolean brokerConnected();

    /** {@code "ok"} when the database is usable, otherwise a short description of the problem. */
    String database();

    /**
     * {@code "ok"}, or {@code "broken"} when the audit chain disagreed with its anchors outside the database at start
     * (a cut or rewritten head). The hub still serves then: this makes {@code /health} "degraded" but not 503, so that
     * a health probe does not restart, and a proxy does not take out, a hub whose only fault is a tampered log.
     */
    default String audit() {
        return "ok";
    }
}
