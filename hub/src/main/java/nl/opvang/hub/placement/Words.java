package nl.opvang.hub.placement;

import nl.opvang.hub.http.Role;
import nl.opvang.protocol.Kind;

/** The Dutch words of docs/DESIGN.md §6 for holds, in one place. */
final class Words {
    private Words() {
    }

    static String place(Kind kind) {
        switch (kind) {
            case CRISIS:
                return "crisisplek";
            case NOOD:
                return "noodbed";
            case OPSTART:
                return "opstartplek";
            case FAMILY:
                return "gezinsplek";
            default:
                return "plek";
        }
    }

    static String state(HoldState state) {
        switch (state) {
            case REQUESTED:
                return "aangevraagd";
            case ACCEPTED:
                return "geaccepteerd";
            case REFUSED:
                return "geweigerd";
            case EXPIRED:
                return "verlopen";
            case CANCELLED:
                return "ingetrokken";
            default:
                return "gebruikt (ingecheckt)";
        }
    }

    /** Who asks, as the kiosk banner says it ("Aanvraag crisisplek — Veilig Thuis"). */
    static String role(Role role) {
        switch (role) {
            case VEILIG_THUIS:
                return "Veilig Thuis";
            case CT:
                return "CT";
            case VO_DESK:
                return "VO-toegang";
            case NIGHT_STAFF:
                return "Nachtdienst";
            default:
                return "Beheer";
        }
    }
}
