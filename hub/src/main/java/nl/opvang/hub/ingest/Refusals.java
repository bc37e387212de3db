package nl.opvang.hub.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.gateway.Inbound;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events the hub refuses (docs/DESIGN.md §3): each one is named in the ack's {@code rejected} with its {@code seq},
 * the refused copy's {@code id} and a reason, so no node deletes as stored an event that was not, and each is kept
 * whole for admins ({@link RefusedEvents}). Two kinds are decided here: a copy of a {@code seq} already stored with
 * another
 * {@code id} (a conflict: two nodes with one identity, e.g. a cloned SD card), kept in {@code conflict} because the seq
 * holds the stored event; and a message whose envelope reads but whose fields break the contract
 * ({@link Payload.Invalid}), stored as a refused event so that it never blocks the events after it. Used inside the
 * event store's transaction, on its one thread.
 */
final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
    /**
     * Payload fields never kept in a body: the token lives in its own table; a hold's instructions are kept only
     * encrypted, in the hold itself (docs/DESIGN.md §5), never in the event log.
     */
    static final List<String> BODY_OMITTED = List.of("token", "instructions");
    static final String CONFLICT = "another event with this seq is already stored: two nodes with one identity?";
    /** The reason of an event older than the birth that started its sequence: kept for audit, never applied. */
    static final String SUPERSEDED = "superseded by a later birth";
    /** The contract's reason label inside {@link #reason(Payload.Invalid)}. */
    private static final Pattern CONTRACT = Pattern.compile("does not follow the contract \\(([a-z_]+)\\)");
    /** The refusals of {@code Effects} (a bed or kind the node does not have, a capacity above the registry's). */
    private static final Map<Pattern, String> EFFECTS = Map.of(
            Pattern.compile("bed \\S+ is not this node's.*"), "not_this_node",
            Pattern.compile("bed \\S+ is [a-z]+, not [a-z]+"), "wrong_kind",
            Pattern.compile("capacity \\d+ of [a-z]+ is more than .*"), "over_capacity",
            Pattern.compile("kind [a-z]+ is not counted at this node|names neither a bed nor a kind"), "not_counted");
    /** A problem may quote what was sent (up to 64 KiB): the reason in the ack and on the kiosk stays short. */
    private static final int MAX_PROBLEM = 200;

    private final Codec codec;
    private final IngestMetrics metrics;

    Refusals(Codec codec, IngestMetrics metrics) {
        this.codec = codec;
        this.metrics = metrics;
    }

    /** The event's own fields, without the envelope and without {@link #BODY_OMITTED}. */
    String body(Payload payload) {
        return codec.encodeFields(payload, BODY_OMITTED);
    }

    /**
     * Keeps a conflicting copy once (a resend of the same copy is refused again, so its node hears of it, but neither
     * recorded nor counted twice), and returns its rejection for the ack.
     */
    Ack.Rejection conflict(Connection connection, Inbound inbound, String storedId) throws SQLException {
        NodeMessage message = inbound.message();
        if (IngestStore.insertConflict(connection, inbound, storedId, body(message.payload()))) {
            Envelope envelope = message.envelope();
            metrics.conflict();
            LOG.warn("Node {} sent seq {} of session {} with another id than the stored one: two nodes with one "
                    + "identity? Refused, kept for admins (/admin) and named in the ack", envelope.node(),
                    envelope.seq(), envelope.session());
        }
        return rejection(message, CONFLICT);
    }

    /** Why an event that breaks the contract is refused: the rule it breaks, short and printable. */
    static String reason(Payload.Invalid invalid) {
        String problem = invalid.problem().replaceAll("\\p{Cntrl}", " ");
        if (problem.length() > MAX_PROBLEM) {
            problem = problem.substring(0, MAX_PROBLEM) + "…";
        }
        return "does not follow the contract (" + invalid.reason().label() + "): " + problem;
    }

    /**
     * The code of a stored refusal's reason, for the admin page's Dutch label ({@code refused.<code>} in words.properties:
     * one vocabulary). The reasons are the English texts of the ack, stored as they were sent (also before codes
     * existed), so the code is read from their fixed parts: {@link #CONFLICT}, {@link #SUPERSEDED}, the contract's
     * {@link Reason} label in {@link #reason(Payload.Invalid)}, and the texts of {@code Effects}. Anything else is
     * {@code other}.
     */
    static String code(String kind, String reason) {
        if ("conflict".equals(kind) || CONFLICT.equals(reason)) {
            return "conflict";
        }
        if (reason == null) {
            return "other";
        }
        if (reason.equals(SUPERSEDED)) {
            return "superseded";
        }
        Matcher contract = CONTRACT.matcher(reason);
        if (contract.lookingAt()) {
            return contract.group(1);
        }
        for (Map.Entry<Pattern, String> effect : EFFECTS.entrySet()) {
            if (effect.getKey().matcher(reason).matches()) {
                return effect.getValue();
            }
        }
        return "other";
    }

    /**
     * A rejection naming the refused copy's id, so a second node with the same identity (same ack topic) cannot take it
     * for its own. An invalid message's id may have been unreadable (then derived by the codec): it names none.
     */
    static Ack.Rejection rejection(NodeMessage message, String reason) {
        UUID id = message.payload() instanceof Payload.Invalid ? null : message.envelope().id();
        return new Ack.Rejection(message.envelope().seq(), id, reason);
    }
}
