package nl.opvang.hub.placement;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import nl.opvang.hub.http.Role;
import nl.opvang.protocol.Kind;

/**
 * A placement request as the hub stores it, without its instructions: those stay encrypted in the store and are
 * decrypted only for the requester ({@link HoldService#instructions}).
 *
 * @param bed         the bed asked for, or {@code null} for a place of {@code kind} that the location picks
 * @param acceptedBed the bed the location named when it accepted, if any
 * @param conflict    set when the location's own facts overruled the hold (e.g. the bed was taken meanwhile)
 * @param endedAt     when it left the active states (refused, expired, withdrawn, checked in), if it has
 * @param closedAt    when its requester closed it on their page, if they have: until then an ended hold stays there
 */
public record Hold(UUID id, String site, String node, Kind kind, String bed, HoldState state, long requesterId,
                   String requester, Role requesterRole, Instant createdAt, Instant expiresAt, Instant answeredAt,
                   String acceptedBed, String refusal, String conflict, Instant lastSentAt, Instant endedAt,
                   Instant closedAt) {
    public Hold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(requesterRole, "requesterRole");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** This hold, sent to its node at {@code at}. */
    Hold sent(Instant at) {
        return new Hold(id, site, node, kind, bed, state, requesterId, requester, requesterRole, createdAt, expiresAt,
                answeredAt, acceptedBed, refusal, conflict, at, endedAt, closedAt);
    }

    /**
     * This hold in {@code next} state at {@code now}: an answer (requested to accepted or refused) notes when it came,
     * leaving the active states when it ended; the accepted bed stays unless a new one is named.
     */
    Hold next(HoldState next, String newBed, String newRefusal, String newConflict, Instant now) {
        boolean answer = state == HoldState.REQUESTED && (next == HoldState.ACCEPTED || next == HoldState.REFUSED);
        boolean ends = state.active() && !next.active();
        return new Hold(id, site, node, kind, bed, next, requesterId, requester, requesterRole, createdAt, expiresAt,
                answer ? now : answeredAt, newBed != null ? newBed : acceptedBed, newRefusal, newConflict, lastSentAt,
                ends ? now : endedAt, closedAt);
    }

    /** This hold, closed by its requester at {@code at}. */
    Hold closed(Instant at) {
        return new Hold(id, site, node, kind, bed, state, requesterId, requester, requesterRole, createdAt, expiresAt,
                answeredAt, acceptedBed, refusal, conflict, lastSentAt, endedAt, at);
    }

    /** This hold with the location's facts overruling it: {@code note} says why, for the requester. */
    Hold overruled(String note) {
        return new Hold(id, site, node, kind, bed, state, requesterId, requester, requesterRole, createdAt, expiresAt,
                answeredAt, acceptedBed, refusal, note, lastSentAt, endedAt, closedAt);
    }

    /**
     * Whether its node must (still) hear of it: a request it has not answered, or a VO desk's placement, accepted at the
     * hub, that the node shows as an expected arrival (sent again after a node's birth or return; the node keeps one).
     */
    boolean awaitsNode() {
        return state == HoldState.REQUESTED || state == HoldState.ACCEPTED && requesterRole == Role.VO_DESK;
    }

    /** The bed this hold keeps: the one asked for, or the one the location named on acceptance. */
    public String heldBed() {
        return bed != null ? bed : acceptedBed;
    }

    /** What its audit entries are about. */
    String auditSubject() {
        return "hold:" + id;
    }

    /** Audit detail: where and what, never instructions, reasons written by people, or anything about the client. */
    String auditDetail() {
        return "site=" + site + " node=" + node + " kind=" + kind.wire() + (heldBed() == null ? "" : " bed=" + heldBed())
                + " state=" + state.wire() + (conflict == null ? "" : " conflict");
    }
}
