package nl.opvang.hub.http;

import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * The roles of docs/DESIGN.md §5. What each sees and may do is decided per feature, from this role and the account's
 * scope; a route names the roles it admits through {@link Access} when it is registered ({@link Routes}). Lives in the
 * web kernel, not in {@code account}: every feature's routes name roles, and the kernel and the features must not
 * depend on the account feature (which itself uses audit and ingest), or the packages form cycles.
 */
public enum Role implements RouteRole {
    /** Night staff of one location (scope: the site code). */
    NIGHT_STAFF,
    /** The access desk of one VO provider (scope: the provider's name). */
    VO_DESK,
    /** Centrale Toegang: all locations of the region. */
    CT,
    /** Veilig Thuis: the vrouwenopvang's places as counts, referrals to its access desk (no holds). */
    VEILIG_THUIS,
    /** Configuration, nodes, users; no client data. */
    ADMIN,
    /** The municipality's privacy officer: rights requests made at a kiosk (issue 17). */
    PRIVACY,
    /** Policy staff of the centrumgemeente: the monitoring figures only, as aggregates with small cells suppressed. */
    GEMEENTE;

    /**
     * The page this role lands on after login, and where {@code /} sends it (docs/DESIGN.md §6): CT the overview,
     * Veilig Thuis its crisis places, the VO desk and night staff the requests to answer, the admin the admin page, the
     * gemeente the monitoring figures.
     */
    public String startPage() {
        switch (this) {
            case VEILIG_THUIS:
                return "/vt";
            case VO_DESK:
            case NIGHT_STAFF:
                return "/vo";
            case ADMIN:
                return "/admin";
            case PRIVACY:
                return "/privacy";
            case GEMEENTE:
                return "/monitor";
            default:
                return "/";
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code wire} ({@code ct}, {@code night_staff}, ...); an unknown name is a {@link BadRequest}. */
    public static Role fromWire(String wire) {
        for (Role role : values()) {
            if (role.wire().equals(wire)) {
                return role;
            }
        }
        throw new BadRequest("Onbekende rol: kies ct, veilig_thuis, vo_desk, night_staff, admin, privacy of gemeente");
    }
}
