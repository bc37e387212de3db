package nl.opvang.protocol;

import java.util.List;

/**
 * What the hub has durably stored for a node's session: everything up to and including {@code seq}, as data or,
 * for the listed ones, as rejected (kept for audit, never applied). A node may delete those outbox rows.
 */
public record Ack(int v, String session, long seq, List<Rejection> rejected) {
    public Ack {
        if (v != Envelope.VERSION) {
            throw new ProtocolException(Reason.UNKNOWN_VERSION, "unknown version v=" + v);
        }
        Check.matches("session", session, Check.SESSION);
        Check.atLeast("seq", seq, 1);
        rejected = List.copyOf(Check.present("rejected", rejected));
        for (Rejection rejection : rejected) {
            if (rejection.seq() > seq) {
                throw ProtocolException.badField("rejected", "names seq " + rejection.seq() + " beyond the acked " + seq);
            }
        }
    }

    public static Ack of(String session, long seq, List<Rejection> rejected) {
        return new Ack(Envelope.VERSION, session, seq, rejected);
    }

    /** An event that was stored but refused, with the reason in plain words for the location's staff and the log. */
    public record Rejection(long seq, String reason) {
        public Rejection {
            Check.atLeast("seq", seq, 1);
            Check.text("reason", reason);
        }
    }
}
