package nl.opvang.protocol;

import java.time.Instant;
import java.util.UUID;

/** A hub → node command. Every command has a unique {@code id} that the node de-duplicates on. */
public record Command(int v, UUID id, Body body) {
    public Command {
        if (v != Envelope.VERSION) {
            throw new ProtocolException(Reason.UNKNOWN_VERSION, "unknown version v=" + v);
        }
        Check.present("id", id);
        Check.present("type", body);
    }

    public static Command of(Body body) {
        return new Command(Envelope.VERSION, UUID.randomUUID(), body);
    }

    public String type() {
        return body.type();
    }

    /** The type-specific part of a command. */
    public sealed interface Body {
        String type();
    }

    /** Send everything of {@code session} from {@code fromSeq} on again: the hub saw a gap. */
    public record Resend(String session, long fromSeq) implements Body {
        public Resend {
            Check.matches("session", session, Check.SESSION);
            Check.atLeast("fromSeq", fromSeq, 1);
        }

        @Override
        public String type() {
            return "resend";
        }
    }

    /** Publish a fresh birth: the hub lost or doubts its snapshot of the node. */
    public record Rebirth() implements Body {
        @Override
        public String type() {
            return "rebirth";
        }
    }

    /**
     * A placement request: a bed or a place of a kind, held until {@code expiresAt}; {@code from} names the requester's
     * role. {@code accepted} (optional on the wire, default false; added in v1, docs/DESIGN.md §3): the hub already
     * accepted it for the location (a VO desk placed a referral there), so the node shows an expected arrival to check
     * in and answers nothing. A node that does not know the field shows a request, as before.
     */
    public record Hold(UUID hold, Kind kind, String bed, Instant expiresAt, String from, boolean accepted) implements Body {
        public Hold {
            Check.present("hold", hold);
            Check.present("kind", kind);
            if (bed != null) {
                Check.bed("bed", bed);
            }
            Check.present("expiresAt", expiresAt);
            Check.text("from", from);
        }

        /** A request the location answers with {@code hold_accepted} or {@code hold_refused}. */
        public Hold(UUID hold, Kind kind, String bed, Instant expiresAt, String from) {
            this(hold, kind, bed, expiresAt, from, false);
        }

        @Override
        public String type() {
            return "hold";
        }
    }

    /** A hold ended at the hub (cancelled or expired): the place is no longer held. */
    public record ReleaseHold(UUID hold) implements Body {
        public ReleaseHold {
            Check.present("hold", hold);
        }

        @Override
        public String type() {
            return "release_hold";
        }
    }

    /**
     * Open the nood places until {@code until} ({@code capacity} of them, or all the node has when null); the node
     * closes them by itself then, once none is occupied, and confirms with a capacity event.
     */
    public record OpenNood(Instant until, Integer capacity) implements Body {
        public OpenNood {
            Check.present("until", until);
            if (capacity != null) {
                Check.between("capacity", capacity, 0, 10_000);
            }
        }

        /** Cold-weather mode: every nood place of the node. */
        public OpenNood(Instant until) {
            this(until, null);
        }

        @Override
        public String type() {
            return "open_nood";
        }
    }

    /** Close the nood places, never under a guest: once none is occupied. The node confirms with a capacity event. */
    public record CloseNood() implements Body {
        @Override
        public String type() {
            return "close_nood";
        }
    }

    /**
     * Keep at most {@code capacity} open places of {@code kind} (never more than the node has): beds close free ones
     * first and an occupied one only once it is free; the node confirms with a capacity event.
     */
    public record SetCapacity(Kind kind, int capacity) implements Body {
        public SetCapacity {
            Check.present("kind", kind);
            Check.between("capacity", capacity, 0, 10_000);
        }

        @Override
        public String type() {
            return "set_capacity";
        }
    }

    /** New settings for the node. */
    public record Config(int heartbeatSeconds) implements Body {
        public Config {
            Check.between("heartbeatSeconds", heartbeatSeconds, 1, 3600);
        }

        @Override
        public String type() {
            return "config";
        }
    }

    /** A short text for the location's staff, shown on the kiosk. */
    public record Message(String text) implements Body {
        public Message {
            Check.text("text", text);
        }

        @Override
        public String type() {
            return "message";
        }
    }
}
