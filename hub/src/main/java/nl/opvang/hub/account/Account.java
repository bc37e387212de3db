package nl.opvang.hub.account;

import java.time.Instant;
import java.util.regex.Pattern;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;

/**
 * A personal account (docs/DESIGN.md §5: no shared logins). {@code scope} is the site code for night staff and the
 * provider for a VO desk; region-wide roles have none. The password hash and TOTP secret never leave the hub's store.
 */
public record Account(long id, String username, String displayName, Role role, String scope, String passwordHash,
                      String totpSecret, boolean disabled, Instant createdAt) {
    /** Lower-case letters, digits, dot, dash, underscore; 2 to 64 characters (e.g. {@code nacht-smallepad}). */
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    public Account {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new AccountException("Gebruikersnaam: 2 tot 64 kleine letters, cijfers, punt, streepje of liggend streepje");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
            throw new AccountException("Naam: vul een naam in van hoogstens 100 tekens");
        }
        if (role == null) {
            throw new AccountException("Kies een rol");
        }
        boolean scoped = role == Role.NIGHT_STAFF || role == Role.VO_DESK;
        if (scoped && (scope == null || scope.isBlank())) {
            throw new AccountException(role == Role.NIGHT_STAFF ? "Nachtdienst: kies de locatie" : "VO-loket: kies de aanbieder");
        }
        if (!scoped) {
            scope = null;
        }
    }

    public Principal principal() {
        return new Principal(id, username, role, scope);
    }
}
