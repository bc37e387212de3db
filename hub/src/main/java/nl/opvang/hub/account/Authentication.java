package nl.opvang.hub.account;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import nl.opvang.hub.http.Pages;

/**
 * The before-filter of every matched route (DESIGN §5): finds the caller's session from a bearer token or the session
 * cookie, answers 401 without one (JSON under {@code /api/}, a redirect to {@code /login} for pages), 403 for a role
 * the route does not admit, and 403 for a state-changing request made with the cookie but without the session's CSRF
 * token in {@code X-CSRF-Token} (Javalin has none of its own, DESIGN §1). A bearer token needs no CSRF token: a
 * browser never adds one on its own. Puts the {@link Principal} into {@code ctx.attribute(Principal.ATTRIBUTE)}.
 */
public final class Authentication {
    public static final String COOKIE = "opvang_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /**
     * Sent ({@code 1}) by a page's own timed refresh: the request is answered, but is not use of the session, so a page
     * that refreshes itself does not keep an unattended screen logged in past the idle end ({@link Sessions}).
     */
    public static final String BACKGROUND_HEADER = "X-Opvang-Background";
    static final String SESSION_ATTRIBUTE = "opvang.session";
    static final String LIVE_ATTRIBUTE = "opvang.session.live";
    static final String NOT_LOGGED_IN = "Log eerst in (POST /api/v1/login, of via /login)";
    static final String WRONG_ROLE = "Je account heeft geen toegang tot dit onderdeel";
    static final String BAD_CSRF = "Het CSRF-token ontbreekt of klopt niet; laad de pagina opnieuw";

    private final Sessions sessions;

    public Authentication(Sessions sessions) {
        this.sessions = sessions;
    }

    /** The principal the filter found; only for routes that are not public. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(Principal.ATTRIBUTE);
        if (principal == null) {
            throw new UnauthorizedResponse(NOT_LOGGED_IN);
        }
        return principal;
    }

    static Sessions.Active session(Context ctx) {
        Sessions.Active session = ctx.attribute(SESSION_ATTRIBUTE);
        if (session == null) {
            throw new UnauthorizedResponse(NOT_LOGGED_IN);
        }
        return session;
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

    public void handle(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(Access.PUBLIC)) {
            return;
        }
        Optional<Sessions.Active> found = find(ctx);
        if (found.isEmpty()) {
            refuse(ctx);
            return;
        }
        Sessions.Active session = found.get();
        Principal principal = session.principal();
        if (!roles.isEmpty() && !roles.contains(principal.role())) {
            forbid(ctx, WRONG_ROLE);
            return;
        }
        if (session.kind() == Sessions.Kind.WEB && changesState(ctx.method()) && !csrfMatches(ctx, session)) {
            forbid(ctx, BAD_CSRF);
            return;
        }
        ctx.attribute(Principal.ATTRIBUTE, principal);
        ctx.attribute(SESSION_ATTRIBUTE, session);
        ctx.attribute(LIVE_ATTRIBUTE, (BooleanSupplier) () -> sessions.live(session.tokenHash()));
    }

    private Optional<Sessions.Active> find(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            // A presented bearer token decides alone: a bad one is not rescued by a cookie.
            return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? sessions.find(authorization.substring(7).strip()).filter(s -> s.kind() == Sessions.Kind.API)
                    : Optional.empty();
        }
        boolean use = !"1".equals(ctx.header(BACKGROUND_HEADER));
        return sessions.find(ctx.cookie(COOKIE), use).filter(s -> s.kind() == Sessions.Kind.WEB);
    }

    private static boolean changesState(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    private static boolean csrfMatches(Context ctx, Sessions.Active session) {
        String sent = ctx.header(CSRF_HEADER);
        return sent != null && session.csrfToken() != null && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    private static void refuse(Context ctx) {
        if (isApi(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"opvang\"");
            throw new UnauthorizedResponse(NOT_LOGGED_IN);
        }
        ctx.status(303).header("Location", "/login").header("Cache-Control", "no-store")
                .html(Pages.message("Inloggen nodig", "Je wordt doorgestuurd naar de inlogpagina.", "/login", "Inloggen").markup());
        ctx.skipRemainingHandlers();
    }

    private static void forbid(Context ctx, String message) {
        if (isApi(ctx)) {
            throw new ForbiddenResponse(message);
        }
        ctx.status(403).header("Cache-Control", "no-store")
                .html(Pages.message("Geen toegang", message + ".", "/login", "Inloggen met een ander account").markup());
        ctx.skipRemainingHandlers();
    }
}
