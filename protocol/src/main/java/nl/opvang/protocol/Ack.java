package nl.opvang.protocol;

import java.util.List;

/**
 * What the hub has durably stored for a node's session: everything up to and including {@code seq}, as data or,
 * for the listed ones, as refused (kept whole for admins, never applied). Every refused event is listed, so a node
 * never deletes as stored an event that was not; a refused event never blocks the events after it (docs/DESIGN.md §3).
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

    /**
     * An event the hub refused (docs/DESIGN.md §3), with the reason in plain words for the location's staff and the
     * log. It names the refused copy's {@code id} when it could be read: two nodes with one identity share one ack
     * topic, and only the node whose row has that id must keep it as refused.
     */
    public record Rejection(long seq, java.util.UUID id, String reason) {
        public Rejection {
            Check.atLeast("seq", seq, 1);
            Check.text("reason", reason);
        }

        /** A rejection that applies to whatever the node holds at {@code seq}. */
        public Rejection(long seq, String reason) {
            this(seq, null, reason);
        }
    }
}
