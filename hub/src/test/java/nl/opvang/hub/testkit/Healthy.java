package nl.opvang.hub.testkit;

import nl.opvang.hub.web.Health;

/** A hub's health for a test web server without a broker: broker connected, database and audit log ok. */
public final class Healthy implements Health {
    @Override
    public boolean brokerConnected() {
        return true;
    }

    @Override
    public String database() {
        return "ok";
    }
}
