package nl.opvang.protocol;

import java.time.Instant;

/** The hub's retained status; {@code offline} is its last will. Nodes resend their outbox when it turns online. */
public record HubStatus(int v, boolean online, Instant started) {
    public HubStatus {
        if (v != Envelope.VERSION) {
            throw new ProtocolException(Reason.UNKNOWN_VERSION, "unknown version v=" + v);
        }
        Check.present("started", started);
    }

    public static HubStatus online(Instant started) {
        return new HubStatus(Envelope.VERSION, true, started);
    }

    public static HubStatus offline(Instant started) {
        return new HubStatus(Envelope.VERSION, false, started);
    }
}
