package nl.opvang.hub.placement;

import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.location.Location;

/**
 * Who may do what with which hold (docs/DESIGN.md §5): the per-hold and per-scope rules behind the roles each hold
 * route declares ({@link HoldRoutes}); the route's role check comes first, in the authentication filter.
 */
final class HoldPermissions {
    static final String VT_REFERS = "Veilig Thuis vraagt geen plek meer aan een locatie: stuur een aanmelding bij de"
            + " vrouwenopvang (POST /api/v1/referrals, of via /vt)";
    private HoldPermissions() {
    }

    /**
     * CT places anywhere. Veilig Thuis no longer places through holds: it sends an aanmelding to the VO desk, which
     * chooses the place (docs/DESIGN.md §4, issue 14). The VO desk's own holds are made by accepting such a referral.
     */
    static void requireMayRequest(Principal principal, HoldRequest request) {
        if (principal.role() == Role.CT) {
            return;
        }
        if (principal.role() == Role.VEILIG_THUIS) {
            throw HoldProblem.forbidden(VT_REFERS);
        }
        throw HoldProblem.forbidden("Alleen CT kan hier een plaatsing aanvragen");
    }

    /** The VO desk of its provider's vrouwenopvang locations (domain vo), or the location's own night staff. */
    static boolean mayAnswer(Principal principal, Hold hold, Location location) {
        if (principal.role() == Role.VO_DESK) {
            return isDeskOf(principal, location);
        }
        return principal.role() == Role.NIGHT_STAFF && hold.site().equals(principal.scope());
    }

    /** A VO desk for this location: same provider, and the location is of the vrouwenopvang. */
    static boolean isDeskOf(Principal principal, Location location) {
        return principal.role() == Role.VO_DESK && location.provider().equals(principal.scope()) && location.audience().vo();
    }

    /** Throws unless {@code principal} may answer {@code hold} now: its location or VO desk, and still requested. */
    static void requireMayAnswer(Principal principal, Hold hold, Location location) {
        if (!mayAnswer(principal, hold, location)) {
            throw HoldProblem.forbidden("Alleen de locatie of de VO-toegang kan deze aanvraag beantwoorden");
        }
        if (hold.state() != HoldState.REQUESTED) {
            throw HoldProblem.conflict("Deze aanvraag is al " + Words.holdStateAlready(hold.state().wire()));
        }
    }

    /** Throws a 409 unless {@code hold} still runs (requested or accepted). */
    static void requireActive(Hold hold) {
        if (!hold.state().active()) {
            throw HoldProblem.conflict("Deze aanvraag is al " + Words.holdStateAlready(hold.state().wire()));
        }
    }

    static boolean isRequester(Principal principal, Hold hold) {
        return principal.accountId() == hold.requesterId();
    }

    /**
     * CT sees every hold but those the VO desk made for a referral: which VO location holds a person stays with the VO
     * (docs/DESIGN.md §5).
     */
    static boolean maySee(Principal principal, Hold hold, Location location) {
        return principal.role() == Role.CT && hold.requesterRole() != Role.VO_DESK || isRequester(principal, hold)
                || mayAnswer(principal, hold, location);
    }

    static boolean mayCancel(Principal principal, Hold hold) {
        return principal.role() == Role.CT || isRequester(principal, hold);
    }

    /** Veilig Thuis sees counts and whom to call, never which location (docs/DESIGN.md §5). */
    static boolean mayKnowLocation(Principal principal) {
        return principal.role() != Role.VEILIG_THUIS;
    }
}
