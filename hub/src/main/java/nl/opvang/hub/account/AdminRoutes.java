package nl.opvang.hub.account;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.NotFound;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.ingest.RefusedEvents;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.Registry;

/**
 * The admin's API behind {@code /admin} (docs/DESIGN.md §5: configuration, nodes, users; no client data): list, create
 * and disable accounts, reset a second factor, and see every node's freshness and birth mismatches. Changes go to the
 * audit log with the admin's username (in {@link Accounts}); passwords and secrets never do.
 */
final class AdminRoutes {
    static final String ISSUER = "opvang";
    /** No 0/O, 1/l/I: a generated password is read off a screen and typed. */
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LOGINS = 100;

    private final Accounts accounts;
    private final Sessions sessions;
    private final Registry registry;
    private final AvailabilityProjection projection;
    private final RefusedEvents refused;
    private final Clock clock;

    AdminRoutes(Accounts accounts, Sessions sessions, Registry registry, AvailabilityProjection projection,
                RefusedEvents refused, Clock clock) {
        this.refused = refused;
        this.accounts = accounts;
        this.sessions = sessions;
        this.registry = registry;
        this.projection = projection;
        this.clock = clock;
    }

    record UserView(String username, String displayName, String role, String scope, boolean secondFactor,
                    boolean disabled, Instant createdAt) {
        static UserView of(Account account) {
            return new UserView(account.username(), account.displayName(), account.role().wire(), account.scope(),
                    account.totpSecret() != null, account.disabled(), account.createdAt());
        }
    }

    /** The body of {@code POST /api/v1/admin/users}; without a password, one is generated and shown once. */
    record NewUser(String username, String displayName, String role, String scope, String password) {
    }

    /** A created account, with the generated password and the app link, each shown once and stored nowhere in clear. */
    record Created(UserView user, String password, String otpauthUri) {
    }

    record SecondFactor(String username, String otpauthUri) {
    }

    /** A reset password, shown once and stored nowhere in clear. */
    record NewPassword(String username, String password) {
    }

    /** One login record: when, whose account, what happened (the audit action and its Dutch words), how. */
    record LoginRecord(long seq, Instant at, String username, String action, String what, String detail) {
        static LoginRecord of(AuditLog.Entry entry) {
            return new LoginRecord(entry.seq(), Instant.ofEpochMilli(entry.atMs()), entry.subject(), entry.action(),
                    Words.auditAction(entry.action()), entry.detail());
        }
    }

    /** {@code refusedLastWeek}: events of the node refused in the last 7 days, conflicts included (see /admin). */
    record NodeView(String code, String site, String freshness, Instant lastSeenAt, boolean online, String software,
                    String mismatch, long refusedLastWeek) {
    }

    void users(Context ctx) {
        ctx.json(accounts.list().stream().map(UserView::of).toList());
    }

    void create(Context ctx) {
        NewUser request;
        try {
            request = ctx.bodyAsClass(NewUser.class);
        } catch (Exception e) {
            // Javalin's Jackson mapper throws its checked parse exceptions unchecked (Kotlin): catch those too.
            throw new BadRequest("Stuur JSON met username, displayName, role, scope en eventueel password");
        }
        String actor = Access.principal(ctx).username();
        Role role = Role.fromWire(request.role());
        checkScope(role, request.scope());
        boolean generate = request.password() == null || request.password().isEmpty();
        String password = generate ? generatePassword() : request.password();
        Account account = accounts.create(actor, request.username(), request.displayName(), role, request.scope(), password);
        String uri = account.totpSecret() == null ? null : Totp.uri(ISSUER, account.username(), account.totpSecret());
        ctx.status(201).json(new Created(UserView.of(account), generate ? password : null, uri));
    }

    void disable(Context ctx) {
        String username = ctx.pathParam("username");
        Principal actor = Access.principal(ctx);
        if (actor.username().equals(username)) {
            throw new BadRequest("Je kunt je eigen account niet uitschakelen");
        }
        Account account = accounts.disable(actor.username(), existing(username).username());
        sessions.endAll(account.id());
        ctx.json(UserView.of(account));
    }

    void resetSecondFactor(Context ctx) {
        Account account = existing(ctx.pathParam("username"));
        String secret = accounts.resetSecondFactor(Access.principal(ctx).username(), account.username());
        ctx.json(new SecondFactor(account.username(), Totp.uri(ISSUER, account.username(), secret)));
    }

    /** A new password, generated and shown once; the account's sessions end (whoever held them must log in again). */
    void resetPassword(Context ctx) {
        Account account = existing(ctx.pathParam("username"));
        String password = accounts.resetPassword(Access.principal(ctx).username(), account.username(), generatePassword());
        sessions.endAll(account.id());
        ctx.json(new NewPassword(account.username(), password));
    }

    /** The newest {@value #LOGINS} logins, failed logins and logouts, in words. */
    void logins(Context ctx) {
        ctx.json(accounts.loginRecords(LOGINS).stream().map(LoginRecord::of).toList());
    }

    void nodes(Context ctx) {
        long now = clock.millis();
        Map<String, Long> refusedCounts = refused.countsSince(Instant.ofEpochMilli(now).minus(Duration.ofDays(7)));
        List<NodeView> nodes = new ArrayList<>();
        for (Location location : registry.locations()) {
            for (NodeSpec spec : location.nodes()) {
                Optional<NodeState> state = projection.node(spec.code());
                nodes.add(new NodeView(spec.code(), spec.site(),
                        state.map(each -> each.freshness(now).wire()).orElse("offline"),
                        state.map(NodeState::lastSeenMs).map(Instant::ofEpochMilli).orElse(null),
                        state.map(NodeState::online).orElse(false), state.map(NodeState::software).orElse(null),
                        state.map(NodeState::mismatch).orElse(null), refusedCounts.getOrDefault(spec.code(), 0L)));
            }
        }
        ctx.json(nodes);
    }

    private Account existing(String username) {
        return accounts.find(username).orElseThrow(() -> new NotFound("Onbekende gebruiker"));
    }

    private void checkScope(Role role, String scope) {
        if (role == Role.NIGHT_STAFF && (scope == null || registry.location(scope).isEmpty())) {
            throw new BadRequest("Nachtdienst: kies een bestaande locatie (code, bijv. smallepad)");
        }
        if (role == Role.VO_DESK && registry.locations().stream().noneMatch(
                location -> location.secret() && location.provider().equals(scope))) {
            throw new BadRequest("VO-loket: kies een aanbieder met een vrouwenopvang (bijv. Kwintes)");
        }
    }

    static String generatePassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
