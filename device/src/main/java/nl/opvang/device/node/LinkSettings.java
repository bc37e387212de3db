package nl.opvang.device.node;

import java.time.Duration;

/**
 * Timing and flow settings of a node's MQTT link. The defaults follow docs/DESIGN.md §3; tests shorten the ack timeout.
 *
 * @param ackTimeout        resend everything unacked when no ack came for this long while something is unacked
 * @param window            publishes of outbox rows in flight at most; more wait for publish-completes
 * @param keepAlive         MQTT keep-alive: how soon a silently dead link is noticed (about 1.5 times this)
 * @param maxReconnectDelay cap of the reconnect back-off (Paho's own default cap is 128 s)
 * @param pahoMaxInflight   Paho's own limit of QoS 1 publishes without PUBACK ({@code maxInflight}); when it is below
 *                          {@code window}, Paho answers 32202 and the link waits and tries again (FAULTS R19)
 */
public record LinkSettings(Duration ackTimeout, int window, Duration keepAlive, Duration maxReconnectDelay,
                           int pahoMaxInflight) {
    /** Paho's in-flight limit by default: above the largest window, so that status and outbox never hit 32202. */
    public static final int PAHO_MAX_IN_FLIGHT = 500;

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
        if (pahoMaxInflight < 2) {
            throw new IllegalArgumentException("pahoMaxInflight must be at least 2");
        }
    }

    public LinkSettings(Duration ackTimeout, int window, Duration keepAlive, Duration maxReconnectDelay) {
        this(ackTimeout, window, keepAlive, maxReconnectDelay, PAHO_MAX_IN_FLIGHT);
    }

    public static LinkSettings defaults() {
        return new LinkSettings(Duration.ofSeconds(30), 100, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    public LinkSettings withAckTimeout(Duration timeout) {
        return new LinkSettings(timeout, window, keepAlive, maxReconnectDelay, pahoMaxInflight);
    }

    public LinkSettings withPahoMaxInflight(int limit) {
        return new LinkSettings(ackTimeout, window, keepAlive, maxReconnectDelay, limit);
    }
}
