package nl.opvang.hub.account;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.Visibility;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.ingest.RefusedEvents;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;

/**
 * Accounts on the web, wired in one place: the authentication filter, the login and session routes, the admin routes,
 * and what each role sees ({@link Visibility}). The web server installs the filter and these routes.
 */
public final class AccountWeb implements WebFeature {
    private final Accounts accounts;
    private final Sessions sessions;
    private final Authentication authentication;
    private final Visibility visibility;
    private final LoginRoutes login;
    private final AdminRoutes admin;

    /**
     * Web sessions end after {@code sessionIdle} without use ({@code --session-idle-minutes}); account changes are
     * written to {@code audit}, the hub's one audit log.
     */
    public AccountWeb(Database database, Registry registry, String regionName, AvailabilityProjection projection,
                      AuditLog audit, RefusedEvents refused, Clock clock, boolean demo, MeterRegistry metrics,
                      Duration sessionIdle) {
        PasswordHasher hasher = new PasswordHasher();
        this.accounts = new Accounts(database, audit, hasher, clock, demo);
        this.sessions = new Sessions(database, clock, sessionIdle);
        this.authentication = new Authentication(sessions);
        this.visibility = new Visibility(registry, regionName);
        Logins logins = new Logins(accounts, sessions, new LoginThrottle(database, clock), hasher, clock, metrics);
        this.login = new LoginRoutes(logins, sessions, demo);
        this.admin = new AdminRoutes(accounts, sessions, registry, projection, refused, clock);
    }

    public Accounts accounts() {
        return accounts;
    }

    public Sessions sessions() {
        return sessions;
    }

    public Visibility visibility() {
        return visibility;
    }

    public Authentication authentication() {
        return authentication;
    }

    /** The login, session and admin routes, each with who may call it. */
    @Override
    public void register(Routes routes) {
        Access admin = Access.roles(Role.ADMIN);
        routes.get("/login", Access.PUBLIC, login::page);
        routes.post("/login", Access.PUBLIC, login::form);
        routes.post("/api/v1/login", Access.PUBLIC, login::api);
        routes.post("/api/v1/logout", Access.ANY_ACCOUNT, login::logout);
        routes.get("/api/v1/session", Access.ANY_ACCOUNT, login::session);
        routes.get("/api/v1/admin/users", admin, this.admin::users);
        routes.post("/api/v1/admin/users", admin, this.admin::create);
        routes.post("/api/v1/admin/users/{username}/disable", admin, this.admin::disable);
        routes.post("/api/v1/admin/users/{username}/totp", admin, this.admin::resetSecondFactor);
        routes.post("/api/v1/admin/users/{username}/password", admin, this.admin::resetPassword);
        routes.get("/api/v1/admin/logins", admin, this.admin::logins);
        routes.get("/api/v1/admin/nodes", admin, this.admin::nodes);
    }
}
