package nl.opvang.device.node;

import java.time.Instant;
import java.util.UUID;

/**
 * An event the hub refused (from an ack), kept so that staff can see what did not count, and whole ({@code payload},
 * the message as sent) for support: it is not sent again, and not lost. {@code id} and {@code payload} are null when
 * the row had already left the outbox.
 */
public record Rejection(long seq, String type, String reason, Instant received, UUID id, String payload) {
}
