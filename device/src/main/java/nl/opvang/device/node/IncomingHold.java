package nl.opvang.device.node;

import java.time.Instant;
import java.util.UUID;
import nl.opvang.protocol.Kind;

/**
 * A placement request the hub sent with a {@code hold} command, waiting for the location's answer or its check-in.
 * {@code accepted}: by the location or at the hub; {@code expected}: accepted at the hub (a VO desk's placement), an
 * expected arrival that the location checks in and does not answer (docs/DESIGN.md §3).
 */
public record IncomingHold(UUID hold, Kind kind, String bed, Instant expiresAt, String requestedBy, boolean accepted,
                           boolean expected) {
}
