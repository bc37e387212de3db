package nl.opvang.hub.placement;

import java.time.Instant;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.location.Location;

/**
 * A hold as one caller may see it (the JSON of {@code /api/v1/holds}). Veilig Thuis never learns which location
 * (docs/DESIGN.md §5): no site, name or bed, only the region and whom to call. {@code instructions} are filled only for
 * the requester, and only in the answer for one hold. An ended hold stays on its requester's page until they close it
 * ({@code closedAt}; {@code mayClose}).
 */
record HoldView(String id, String state, String kind, String site, String location, String region, String phone,
                String bed, String acceptedBed, String requestedBy, String requesterRole, Instant createdAt,
                Instant expiresAt, Instant answeredAt, Instant endedAt, Instant closedAt, String refusal, String conflict,
                boolean mine, boolean mayAnswer, boolean mayCancel, boolean mayClose, String instructions) {

    static HoldView of(Hold hold, Location location, Principal viewer, String instructions) {
        boolean knowsLocation = HoldPermissions.mayKnowLocation(viewer);
        boolean mine = HoldPermissions.isRequester(viewer, hold);
        return new HoldView(hold.id().toString(), hold.state().wire(), hold.kind().wire(),
                knowsLocation ? hold.site() : null, knowsLocation ? location.name() : null, location.region(),
                location.phone(), knowsLocation ? hold.bed() : null, knowsLocation ? hold.acceptedBed() : null,
                mine || viewer.role() == nl.opvang.hub.http.Role.CT ? hold.requester() : null,
                Words.requester(hold.requesterRole().wire()), hold.createdAt(), hold.expiresAt(), hold.answeredAt(),
                hold.endedAt(), hold.closedAt(), hold.refusal(), hold.conflict(), mine,
                hold.state() == HoldState.REQUESTED && HoldPermissions.mayAnswer(viewer, hold, location),
                hold.state().active() && HoldPermissions.mayCancel(viewer, hold),
                mine && !hold.state().active() && hold.closedAt() == null, mine ? instructions : null);
    }
}
