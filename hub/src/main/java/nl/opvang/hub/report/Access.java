package nl.opvang.hub.report;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.Arrays;
import nl.opvang.hub.account.Principal;
import nl.opvang.hub.account.Role;

/**
 * Who may call a report, break-glass or audit route: the principal the authentication filter put on the request
 * (DESIGN §5). No principal is 401, another role is 403; both answered as JSON by the web server's error mapping.
 */
public final class Access {
    private Access() {
    }

    /** The caller, when it has one of {@code roles}; otherwise the request ends with 401 or 403. */
    public static Principal require(Context ctx, Role... roles) {
        Principal principal = ctx.attribute(Principal.ATTRIBUTE);
        if (principal == null) {
            throw new UnauthorizedResponse("Log eerst in");
        }
        if (Arrays.stream(roles).noneMatch(role -> role == principal.role())) {
            throw new ForbiddenResponse("Dit mag uw rol niet");
        }
        return principal;
    }
}
