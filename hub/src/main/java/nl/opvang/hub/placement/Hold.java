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
 */
public record Hold(UUID id, String site, String node, Kind kind, String bed, HoldState state, long requesterId,
                   String requester, Role requesterRole, Instant createdAt, Instant expiresAt, Instant answeredAt,
                   String acceptedBed, String refusal, String conflict, Instant lastSentAt) {
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

    String auditSubject() {
        return "hold:" + id;
    }

    /** Audit detail: where and what, never instructions, reasons written by people, or anything about the client. */
    String auditDetail() {
        return "site=" + site + " node=" + node + " kind=" + kind.wire() + (heldBed() == null ? "" : " bed=" + heldBed())
                + " state=" + state.wire() + (conflict == null ? "" : " conflict");
    }

    /** The bed this hold keeps: the one asked for, or the one the location named on acceptance. */
    public String heldBed() {
        return bed != null ? bed : acceptedBed;
    }
}
