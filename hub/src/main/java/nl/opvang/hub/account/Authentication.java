package nl.opvang.hub.account;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.Pages;
import nl.opvang.hub.http.Principal;

/**
 * The before-filter of every matched route (docs/DESIGN.md §5): reads the route's declared {@link Access}, finds the
 * caller's session from a bearer token or the session cookie, answers 401 without one (JSON under {@code /api/}, a
 * redirect to
 * {@code /login} for pages), 403 for a role the route does not admit (with the route's refusal), and 403 for a state-changing request made with the cookie but without the session's CSRF
 * token in {@code X-CSRF-Token} (Javalin has none of its own, docs/DESIGN.md §1). A bearer token needs no CSRF token: a
 * browser never adds one on its own. Puts the {@link Principal} into {@code ctx.attribute(Principal.ATTRIBUTE)}, read
 * by the features through {@link Access#principal}.
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
    static final String NOT_LOGGED_IN = Access.NOT_LOGGED_IN;
    static final String BAD_CSRF = "Het CSRF-token ontbreekt of klopt niet; laad de pagina opnieuw";

    private final Sessions sessions;

    public Authentication(Sessions sessions) {
        this.sessions = sessions;
    }

    static Sessions.Active session(Context ctx) {
        Sessions.Active session = ctx.attribute(SESSION_ATTRIBUTE);
        if (session == null) {
            throw new UnauthorizedResponse(NOT_LOGGED_IN);
        }
        return session;
    }

    public void handle(Context ctx) {
        Access access = Access.declared(ctx);
        if (access.isPublic()) {
            return;
        }
        Optional<Sessions.Active> found = find(ctx);
        if (found.isEmpty()) {
            refuse(ctx);
            return;
        }
        Sessions.Active session = found.get();
        Principal principal = session.principal();
        if (!access.admits(principal.role())) {
            forbid(ctx, access.refusal());
            return;
        }
        if (session.kind() == Sessions.Kind.WEB && changesState(ctx.method()) && !csrfMatches(ctx, session)) {
            forbid(ctx, BAD_CSRF);
            return;
        }
        ctx.attribute(Principal.ATTRIBUTE, principal);
        ctx.attribute(SESSION_ATTRIBUTE, session);
        ctx.attribute(Access.LIVE_ATTRIBUTE, (BooleanSupplier) () -> sessions.live(session.tokenHash()));
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
