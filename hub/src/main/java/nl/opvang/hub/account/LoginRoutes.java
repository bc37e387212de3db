package nl.opvang.hub.account;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Instant;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.ErrorAnswer;
import nl.opvang.hub.http.Pages;
import nl.opvang.hub.http.Principal;

/**
 * Logging in and out (docs/DESIGN.md §5). Browsers post the Dutch form at {@code /login} and get the session cookie
 * ({@code HttpOnly}, {@code Secure}, {@code SameSite=Strict}, {@code Path=/}); pages read their CSRF token from
 * {@code GET /api/v1/session}. API clients post JSON to {@code /api/v1/login} and get a bearer token.
 */
final class LoginRoutes {
    private final Logins logins;
    private final Sessions sessions;
    private final boolean demo;

    LoginRoutes(Logins logins, Sessions sessions, boolean demo) {
        this.logins = logins;
        this.sessions = sessions;
        this.demo = demo;
    }

    /** The JSON body of {@code POST /api/v1/login}. */
    record LoginRequest(String username, String password, String totp) {
    }

    record TokenAnswer(String token, Instant expiresAt) {
    }

    record SessionAnswer(String username, String displayName, String role, String scope, String csrfToken,
                         Instant expiresAt) {
    }

    void page(Context ctx) {
        Pages.send(ctx, 200, LoginPage.render(null, null, !demo));
    }

    void form(Context ctx) {
        String username = ctx.formParam("username");
        Logins.Outcome outcome = logins.login(username, ctx.formParam("password"), ctx.formParam("code"), ctx.ip(),
                Sessions.Kind.WEB);
        if (!outcome.ok()) {
            boolean askCode = !demo || outcome.result() == Logins.Result.CODE_NEEDED || Logins.CODE_WRONG.equals(outcome.message());
            if (outcome.result() == Logins.Result.THROTTLED) {
                ctx.header("Retry-After", Long.toString(outcome.retryAfterSeconds()));
            }
            Pages.send(ctx, outcome.result() == Logins.Result.THROTTLED ? 429 : 401,
                    LoginPage.render(outcome.message(), username, askCode));
            return;
        }
        Sessions.Issued session = outcome.session();
        int maxAge = (int) Sessions.WEB_LIFETIME.toSeconds();
        ctx.cookie(new Cookie(Authentication.COOKIE, session.token(), "/", maxAge, true, true, null, SameSite.STRICT));
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(session.active().principal().role().startPage(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    void api(Context ctx) {
        LoginRequest request;
        try {
            request = ctx.bodyAsClass(LoginRequest.class);
        } catch (Exception e) {
            // Javalin's Jackson mapper throws its checked parse exceptions unchecked (Kotlin): catch those too.
            throw new BadRequest("Stuur JSON: {\"username\": ..., \"password\": ..., \"totp\": ...}");
        }
        if (request == null || request.username() == null || request.password() == null) {
            throw new BadRequest("Vul username en password in");
        }
        Logins.Outcome outcome = logins.login(request.username(), request.password(), request.totp(), ctx.ip(),
                Sessions.Kind.API);
        ctx.header("Cache-Control", "no-store");
        if (outcome.ok()) {
            ctx.json(new TokenAnswer(outcome.session().token(), outcome.session().expiresAt()));
            return;
        }
        if (outcome.result() == Logins.Result.THROTTLED) {
            ctx.header("Retry-After", Long.toString(outcome.retryAfterSeconds()));
            ctx.status(429);
        } else {
            ctx.status(401);
        }
        ctx.json(new ErrorAnswer(outcome.message()));
    }

    void logout(Context ctx) {
        Sessions.Active session = Authentication.session(ctx);
        sessions.end(session.tokenHash());
        logins.loggedOut(session.principal(), session.kind());
        if (session.kind() == Sessions.Kind.WEB) {
            ctx.cookie(new Cookie(Authentication.COOKIE, "", "/", 0, true, true, null, SameSite.STRICT));
        }
        ctx.status(204);
    }

    void session(Context ctx) {
        Sessions.Active session = Authentication.session(ctx);
        Principal principal = session.principal();
        ctx.header("Cache-Control", "no-store");
        ctx.json(new SessionAnswer(principal.username(), session.displayName(), principal.role().wire(), principal.scope(),
                session.csrfToken(), session.expiresAt()));
    }
}
