package nl.opvang.device.node;

import java.time.Instant;
import java.util.UUID;
import nl.opvang.protocol.Kind;

/** A placement request the hub sent with a {@code hold} command, waiting for the location's answer or its check-in. */
public record IncomingHold(UUID hold, Kind kind, String bed, Instant expiresAt, String requestedBy, boolean accepted) {
}
