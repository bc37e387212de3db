package nl.opvang.protocol;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields every node → hub message carries (docs/DESIGN.md §3). {@code seq} counts from 1 within a {@code session}
 * by exactly one, across restarts; {@code at} is the node's clock, which may be wrong.
 */
public record Envelope(int v, UUID id, String site, String node, String session, long seq, Instant at) {
    public static final int VERSION = 1;

    public Envelope {
        if (v != VERSION) {
            throw new ProtocolException(Reason.UNKNOWN_VERSION, "unknown version v=" + v);
        }
        Check.present("id", id);
        Check.code("site", site);
        Check.code("node", node);
        Check.matches("session", session, Check.SESSION);
        Check.atLeast("seq", seq, 1);
        Check.present("at", at);
    }
}
