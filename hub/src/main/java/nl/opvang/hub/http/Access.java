package nl.opvang.hub.http;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Who may call a route, declared when it is registered ({@link Routes}), and who is calling (docs/DESIGN.md §5). Every
 * route has exactly one: {@link #PUBLIC} needs no login (health, the login page, static assets, the OpenAPI document),
 * {@link #ANY_ACCOUNT} admits every logged-in account (the feature then decides per item, e.g. which holds one sees),
 * {@link #roles} admits only those roles. The authentication filter reads it before the handler runs, so a wrong role
 * is answered 403 before any body is read; no login is 401 (a redirect to {@code /login} for pages).
 */
public final class Access implements RouteRole {
    /** No login needed. */
    public static final Access PUBLIC = new Access(null, null, "public");
    /** Any logged-in account; what it may see or do is decided by the feature. */
    public static final Access ANY_ACCOUNT = new Access(EnumSet.allOf(Role.class), null, "any account");
    /** Where the filter puts a {@link BooleanSupplier}: whether the caller's session is still live. */
    public static final String LIVE_ATTRIBUTE = "opvang.session.live";
    public static final String NOT_LOGGED_IN = "Log eerst in (POST /api/v1/login, of via /login)";
    public static final String WRONG_ROLE = "Je account heeft geen toegang tot dit onderdeel";

    private final Set<Role> roles;
    private final String refusal;
    private final String name;

    private Access(Set<Role> roles, String refusal, String name) {
        this.roles = roles == null ? null : Set.copyOf(roles);
        this.refusal = refusal == null ? WRONG_ROLE : refusal;
        this.name = name;
    }

    /** Only accounts with one of these roles. */
    public static Access roles(Role first, Role... more) {
        EnumSet<Role> admitted = EnumSet.of(first, more);
        return new Access(admitted, null, admitted.toString());
    }

    /** The same roles, refusing others with {@code message} (Dutch) instead of the general one. */
    public Access refusing(String message) {
        if (roles == null) {
            throw new IllegalStateException("a public route refuses no one");
        }
        return new Access(roles, message, name);
    }

    public boolean isPublic() {
        return roles == null;
    }

    /** Whether an account with {@code role} may call the route; a public route admits everyone. */
    public boolean admits(Role role) {
        return roles == null || roles.contains(role);
    }

    /** The 403 message for a role the route does not admit. */
    public String refusal() {
        return refusal;
    }

    /**
     * The access declared for the matched route of {@code ctx}. A route without one cannot be registered
     * ({@link Routes}); should one appear anyway, this fails closed (500) rather than admit anyone.
     */
    public static Access declared(Context ctx) {
        return declared(ctx.routeRoles());
    }

    static Access declared(Set<RouteRole> routeRoles) {
        Access[] found = routeRoles.stream().filter(Access.class::isInstance).map(Access.class::cast).toArray(Access[]::new);
        if (found.length != 1) {
            throw new IllegalStateException("route without exactly one declared access: " + Arrays.toString(found));
        }
        return found[0];
    }

    /** The caller the authentication filter found; on a public route there is none (401). */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(Principal.ATTRIBUTE);
        if (principal == null) {
            throw new UnauthorizedResponse(NOT_LOGGED_IN);
        }
        return principal;
    }

    /**
     * Whether the caller's session is still live, asked later without counting as use: an open stream ends when this
     * turns false (idle end, logout, account disabled, lifetime over).
     */
    public static BooleanSupplier liveness(Context ctx) {
        BooleanSupplier live = ctx.attribute(LIVE_ATTRIBUTE);
        if (live == null) {
            throw new UnauthorizedResponse(NOT_LOGGED_IN);
        }
        return live;
    }

    @Override
    public String toString() {
        return name;
    }
}
