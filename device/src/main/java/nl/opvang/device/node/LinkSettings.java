package nl.opvang.device.node;

import java.time.Duration;

/**
 * Timing and flow settings of a node's MQTT link. The defaults follow DESIGN §3; tests shorten the ack timeout.
 *
 * @param ackTimeout        resend everything unacked when no ack came for this long while something is unacked
 * @param window            publishes of outbox rows in flight at most; more wait for publish-completes
 * @param keepAlive         MQTT keep-alive: how soon a silently dead link is noticed (about 1.5 times this)
 * @param maxReconnectDelay cap of the reconnect back-off (Paho's own default cap is 128 s)
 */
public record LinkSettings(Duration ackTimeout, int window, Duration keepAlive, Duration maxReconnectDelay) {
    public LinkSettings {
        if (ackTimeout == null || ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("ackTimeout must be positive");
        }
        if (window < 1 || window > 400) {
            throw new IllegalArgumentException("window must be between 1 and 400");
        }
        if (keepAlive == null || keepAlive.toSeconds() < 1) {
            throw new IllegalArgumentException("keepAlive must be at least one second");
        }
        if (maxReconnectDelay == null || maxReconnectDelay.toMillis() < 100) {
            throw new IllegalArgumentException("maxReconnectDelay must be at least 100 ms");
        }
    }

    public static LinkSettings defaults() {
        return new LinkSettings(Duration.ofSeconds(30), 100, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    public LinkSettings withAckTimeout(Duration timeout) {
        return new LinkSettings(timeout, window, keepAlive, maxReconnectDelay);
    }
}
