package nl.opvang.hub.account;

import java.util.Locale;

/** The roles of DESIGN §5. What each sees and may do is decided per feature, from this role and the account's scope. */
public enum Role {
    /** Night staff of one location (scope: the site code). */
    NIGHT_STAFF,
    /** The access desk of one VO provider (scope: the provider's name). */
    VO_DESK,
    /** Centrale Toegang: all locations of the region. */
    CT,
    /** Veilig Thuis: crisis places as counts, placement requests. */
    VEILIG_THUIS,
    /** Configuration, nodes, users; no client data. */
    ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
