package nl.opvang.protocol;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The type-specific part of a node → hub message. Each record validates itself; {@link #type()} is its wire name.
 *
 * <p>Longer than 300 lines: one small record per message type of the wire contract (docs/DESIGN.md §3), kept together
 * as the sealed list the codec and the hub switch over; split, the contract would be read from a dozen files.
 */
public sealed interface Payload {
    String type();

    /**
     * Full snapshot of a node: replaces what the hub knew of it. {@code lost}, when present, names the seq range of this
     * session the node was asked to resend but no longer holds (pruned from its journal): the hub records that gap and
     * goes on after it instead of waiting for it (docs/DESIGN.md §3). {@code null} in every ordinary birth.
     */
    record Birth(String software, int heartbeatSeconds, List<BedState> beds, List<CountState> counts, Lost lost)
            implements Payload {
        public Birth {
            Check.text("software", software);
            Check.between("heartbeatSeconds", heartbeatSeconds, 1, 3600);
            beds = List.copyOf(Check.present("beds", beds));
            counts = List.copyOf(Check.present("counts", counts));
            if (beds.size() + counts.size() > 2000) {
                throw ProtocolException.badField("beds", "lists more than 2000 places");
            }
        }

        /** An ordinary birth: nothing lost. */
        public Birth(String software, int heartbeatSeconds, List<BedState> beds, List<CountState> counts) {
            this(software, heartbeatSeconds, beds, counts, null);
        }

        /** The same snapshot, declaring the seqs {@code from}..{@code to} lost. */
        public Birth withLost(Lost range) {
            return new Birth(software, heartbeatSeconds, beds, counts, range);
        }

        @Override
        public String type() {
            return "birth";
        }
    }

    /** Seqs {@code from}..{@code to} (inclusive) of the birth's session that the node can no longer send. */
    record Lost(long from, long to) {
        public Lost {
            Check.atLeast("lost.from", from, 1);
            if (to < from) {
                throw ProtocolException.badField("lost.to", "must not be below lost.from");
            }
        }
    }

    /** One bed in a birth. */
    record BedState(String bed, Kind kind, PlaceStatus status, boolean open) {
        public BedState {
            Check.bed("bed", bed);
            Check.present("kind", kind);
            Check.present("status", status);
            if (status == PlaceStatus.HELD) {
                throw ProtocolException.badField("status", "held is the hub's status, not a node's");
            }
        }

        /** An open bed: not closed by a capacity limit. */
        public BedState(String bed, Kind kind, PlaceStatus status) {
            this(bed, kind, status, true);
        }
    }

    /** One count-only kind in a birth, e.g. the noodbedden. */
    record CountState(Kind kind, int capacity, boolean open, int occupied, Instant until) {
        public CountState {
            Check.present("kind", kind);
            Check.between("capacity", capacity, 0, 10_000);
            Check.between("occupied", occupied, 0, 10_000);
        }

        /** A count-only kind without an end time. */
        public CountState(Kind kind, int capacity, boolean open, int occupied) {
            this(kind, capacity, open, occupied, null);
        }
    }

    /** A client takes a bed, or a place of a count-only kind. Optionally fulfils a hold. */
    record CheckIn(String bed, Kind kind, String token, String origin, UUID hold) implements Payload {
        public CheckIn {
            requireBedOrKind(bed, kind);
            Check.matches("token", token, Check.TOKEN);
            Check.optional("origin", origin, Check.ORIGIN);
        }

        @Override
        public String type() {
            return "check_in";
        }
    }

    /**
     * A client leaves. {@code destination} is a next-step category, never an address. {@code withoutPass}: staff ended
     * the stay without the pass (lost, or the guest left), confirmed with their PIN; the token is the one stored at
     * check-in, so the stay is still closed.
     */
    record CheckOut(String bed, Kind kind, String token, String destination, boolean withoutPass) implements Payload {
        public CheckOut {
            requireBedOrKind(bed, kind);
            Check.matches("token", token, Check.TOKEN);
            Check.optional("destination", destination, Check.CATEGORY);
        }

        /** A check-out with the pass. */
        public CheckOut(String bed, Kind kind, String token, String destination) {
            this(bed, kind, token, destination, false);
        }

        @Override
        public String type() {
            return "check_out";
        }
    }

    /** New occupied count of a count-only kind. */
    record Count(Kind kind, int occupied) implements Payload {
        public Count {
            Check.present("kind", kind);
            Check.between("occupied", occupied, 0, 10_000);
        }

        @Override
        public String type() {
            return "count";
        }
    }

    /** A bed changes status: free, occupied, out of service, cleaning. */
    record BedStatus(String bed, PlaceStatus status) implements Payload {
        public BedStatus {
            Check.bed("bed", bed);
            Check.present("status", status);
            if (status == PlaceStatus.HELD) {
                throw ProtocolException.badField("status", "held is the hub's status, not a node's");
            }
        }

        @Override
        public String type() {
            return "bed_status";
        }
    }

    /**
     * The open places of a kind change. A count-only kind: nood places opened (optionally {@code until} a time, when
     * the node closes them by itself once none is occupied) or closed, or a capacity limit. A bed kind ({@code
     * set_capacity}): {@code capacity} open beds, {@code closed} names the beds closed by the limit.
     */
    record Capacity(Kind kind, int capacity, boolean open, String reason, Instant until, List<String> closed)
            implements Payload {
        public Capacity {
            Check.present("kind", kind);
            Check.between("capacity", capacity, 0, 10_000);
            Check.optionalText("reason", reason);
            closed = closed == null ? List.of() : List.copyOf(closed);
            if (closed.size() > 2000) {
                throw ProtocolException.badField("closed", "lists more than 2000 beds");
            }
            for (String bed : closed) {
                Check.bed("closed", bed);
            }
        }

        /** A capacity without an end time and without closed beds, as every node sent before issue 13. */
        public Capacity(Kind kind, int capacity, boolean open, String reason) {
            this(kind, capacity, open, reason, null, List.of());
        }

        @Override
        public String type() {
            return "capacity";
        }
    }

    /**
     * Someone could not be taken in. No personal data: a reason of the {@link TurnAwayReason} vocabulary only; an
     * older code ({@code vol}) is read as the reason it stands for ({@code full}), any other code is refused.
     */
    record TurnAway(String reason, Kind kind) implements Payload {
        public TurnAway {
            reason = TurnAwayReason.fromWire("reason", reason).wire();
        }

        public TurnAway(TurnAwayReason reason, Kind kind) {
            this(reason.wire(), kind);
        }

        /** The reason in the vocabulary. */
        public TurnAwayReason why() {
            return TurnAwayReason.fromWire("reason", reason);
        }

        @Override
        public String type() {
            return "turn_away";
        }
    }

    /** The location accepts a hold; {@code instructions} are what the placer needs to know. */
    record HoldAccepted(UUID hold, String bed, String instructions) implements Payload {
        public HoldAccepted {
            Check.present("hold", hold);
            if (bed != null) {
                Check.bed("bed", bed);
            }
            Check.text("instructions", instructions);
        }

        @Override
        public String type() {
            return "hold_accepted";
        }
    }

    /** The location refuses a hold. */
    record HoldRefused(UUID hold, String reason) implements Payload {
        public HoldRefused {
            Check.present("hold", hold);
            Check.text("reason", reason);
        }

        @Override
        public String type() {
            return "hold_refused";
        }
    }

    /**
     * A person asks, at the location's kiosk with their pass, to see, erase or restrict what is held under their token
     * (AVG art. 15, 17, 18; docs/DESIGN.md §5). The pass number is never sent: only the token the node derives from it
     * as for a check-in. {@code request} is a random id the node makes; the hub records the request once under it.
     */
    record PrivacyRequest(String right, String token, UUID request) implements Payload {
        /** The rights a request may ask for, as on the wire. */
        public static final List<String> RIGHTS = List.of("access", "erasure", "restriction");

        public PrivacyRequest {
            Check.present("right", right);
            if (!RIGHTS.contains(right)) {
                throw ProtocolException.badField("right", "must be access, erasure or restriction");
            }
            Check.matches("token", token, Check.TOKEN);
            Check.present("request", request);
        }

        /** The short reference the person is given to quote, e.g. {@code P-0A1B-2C3D}: the first 8 hex digits of the id. */
        public String reference() {
            return reference(request);
        }

        /** The reference of the request {@code request}. */
        public static String reference(UUID request) {
            String hex = request.toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
            return "P-" + hex.substring(0, 4) + "-" + hex.substring(4);
        }

        @Override
        public String type() {
            return "privacy_request";
        }
    }

    /** Nothing happened; the node is alive. */
    record Heartbeat() implements Payload {
        @Override
        public String type() {
            return "heartbeat";
        }
    }

    /**
     * Never sent: what a receiver makes of a birth or event whose envelope it can read but whose own fields break the
     * contract (a token shorter than the pattern, an unknown type). The receiver refuses that {@code seq} in its ack
     * instead of leaving a hole that would hold every later event (docs/DESIGN.md §3), and keeps {@code fields} for
     * admins.
     *
     * @param reason  why it was refused, as a metric label
     * @param problem the field and what is wrong with it
     * @param fields  the message's own fields as sent (a JSON object without the envelope), {@code type} included
     * @param birth   whether it came as a birth, which starts a new session even when it cannot be applied
     */
    record Invalid(Reason reason, String problem, String fields, boolean birth) implements Payload {
        public Invalid {
            Check.present("reason", reason);
            Check.present("problem", problem);
            Check.present("fields", fields);
        }

        @Override
        public String type() {
            return "invalid";
        }
    }

    private static void requireBedOrKind(String bed, Kind kind) {
        if (bed == null && kind == null) {
            throw ProtocolException.missing("bed");
        }
        if (bed != null) {
            Check.bed("bed", bed);
        }
    }
}
