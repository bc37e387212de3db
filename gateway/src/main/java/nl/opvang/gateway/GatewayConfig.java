package nl.opvang.gateway;

import java.util.Objects;

/**
 * How the gateway connects to its broker. Every MQTT option the hub uses is decided here, not left to Paho's defaults.
 *
 * @param brokerUrl e.g. {@code tcp://127.0.0.1:1883} or {@code ssl://broker:8883}
 * @param clientId  the hub's client id; fixed, so the broker keeps the hub's session while it restarts
 * @param username  broker user, or {@code null}
 * @param password  broker password, or {@code null}
 * @param maxBatch  most messages stored in one transaction (group commit)
 */
public record GatewayConfig(String brokerUrl, String clientId, String username, String password, int maxBatch) {
    public GatewayConfig {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
    }

    public static GatewayConfig of(String brokerUrl) {
        return new GatewayConfig(brokerUrl, "opvang-hub", null, null, 2000);
    }
}
