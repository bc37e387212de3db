package nl.opvang.hub.account;

import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.ingest.RefusedEvents;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;

/**
 * Accounts on the web, wired in one place: the authentication filter, the login and session routes, the admin routes,
 * and what each role sees ({@link Visibility}). The web server installs the filter and these routes.
 */
public final class AccountWeb {
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
                      AuditLog audit, Clock clock, boolean demo, MeterRegistry metrics, Duration sessionIdle) {
        PasswordHasher hasher = new PasswordHasher();
        this.accounts = new Accounts(database, audit, hasher, clock, demo);
        this.sessions = new Sessions(database, clock, sessionIdle);
        this.authentication = new Authentication(sessions);
        this.visibility = new Visibility(registry, regionName);
        Logins logins = new Logins(accounts, sessions, new LoginThrottle(database, clock), hasher, clock, metrics);
        this.login = new LoginRoutes(logins, sessions, demo);
        this.admin = new AdminRoutes(accounts, sessions, registry, projection, new RefusedEvents(database), clock);
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
    public void register(RoutesConfig routes) {
        routes.get("/login", login::page, Access.PUBLIC);
        routes.post("/login", login::form, Access.PUBLIC);
        routes.post("/api/v1/login", login::api, Access.PUBLIC);
        routes.post("/api/v1/logout", login::logout);
        routes.get("/api/v1/session", login::session);
        routes.get("/api/v1/admin/users", admin::users, Role.ADMIN);
        routes.post("/api/v1/admin/users", admin::create, Role.ADMIN);
        routes.post("/api/v1/admin/users/{username}/disable", admin::disable, Role.ADMIN);
        routes.post("/api/v1/admin/users/{username}/totp", admin::resetSecondFactor, Role.ADMIN);
        routes.get("/api/v1/admin/nodes", admin::nodes, Role.ADMIN);
    }
}
