package nl.opvang.hub.placement;

import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.location.Location;
import nl.opvang.protocol.Kind;

/**
 * Who may do what with which hold (docs/DESIGN.md §5): the per-hold and per-scope rules behind the roles each hold
 * route declares ({@link HoldRoutes}); the route's role check comes first, in the authentication filter.
 */
final class HoldPermissions {
    private HoldPermissions() {
    }

    /** CT places anywhere; Veilig Thuis asks for a crisis place in the region (it never learns which location). */
    static void requireMayRequest(Principal principal, HoldRequest request) {
        if (principal.role() == Role.CT) {
            return;
        }
        if (principal.role() == Role.VEILIG_THUIS) {
            if (request.kind() != Kind.CRISIS || request.site() != null) {
                throw HoldProblem.forbidden("Veilig Thuis vraagt een crisisplek in de regio aan, zonder locatie te kiezen");
            }
            return;
        }
        throw HoldProblem.forbidden("Alleen CT en Veilig Thuis kunnen een plaatsing aanvragen");
    }

    /** The VO desk of the location's provider, or the location's own night staff. */
    static boolean mayAnswer(Principal principal, Hold hold, Location location) {
        if (principal.role() == Role.VO_DESK) {
            return location.provider().equals(principal.scope());
        }
        return principal.role() == Role.NIGHT_STAFF && hold.site().equals(principal.scope());
    }

    static boolean isRequester(Principal principal, Hold hold) {
        return principal.accountId() == hold.requesterId();
    }

    static boolean maySee(Principal principal, Hold hold, Location location) {
        return principal.role() == Role.CT || isRequester(principal, hold) || mayAnswer(principal, hold, location);
    }

    static boolean mayCancel(Principal principal, Hold hold) {
        return principal.role() == Role.CT || isRequester(principal, hold);
    }

    /** Veilig Thuis sees counts and whom to call, never which location (docs/DESIGN.md §5). */
    static boolean mayKnowLocation(Principal principal) {
        return principal.role() != Role.VEILIG_THUIS;
    }
}
