package nl.opvang.hub.audit;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.Pages;
import nl.opvang.hub.http.QueryLimit;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.store.Database;

/**
 * What admins see of the audit log (docs/DESIGN.md §5: break-glass reads are "logged and shown to admins"):
 * {@code GET /api/v1/audit?action=secret.read&limit=100} and the page {@code /admin/audit}, newest first; and
 * whether the chain agreed with its anchors at start ({@code GET /api/v1/audit/status}, and a warning on the page).
 */
public final class AuditRoutes implements WebFeature {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    /** The page shows break-glass reads unless another action is asked for. */
    private static final String PAGE_ACTION = "secret.read";

    private final AuditLog log;
    private final Database database;
    private final AuditAnchors anchors;

    public AuditRoutes(AuditLog log, Database database) {
        this(log, database, null);
    }

    /** With the hub's anchors, whose start check the status and the page report; {@code null} when there are none. */
    public AuditRoutes(AuditLog log, Database database, AuditAnchors anchors) {
        this.log = log;
        this.database = database;
        this.anchors = anchors;
    }

    /** The start check as the API gives it. */
    public record StatusView(boolean intact, long entries, Long firstBroken, String problem) {
    }

    /** One entry as the API gives it. */
    public record EntryView(long seq, Instant at, String actor, String action, String subject, String detail, String hash) {
        static EntryView of(AuditLog.Entry entry) {
            return new EntryView(entry.seq(), Instant.ofEpochMilli(entry.atMs()), entry.actor(), entry.action(),
                    entry.subject(), entry.detail(), entry.hash());
        }
    }

    /** Registers the routes on the hub's web configuration. */
    @Override
    public void register(Routes routes) {
        Access admin = Access.roles(Role.ADMIN);
        routes.get("/api/v1/audit", admin, this::api);
        routes.get("/api/v1/audit/status", admin, this::status);
        routes.get("/admin/audit", admin, this::page);
    }

    private Optional<AuditLog.Verification> check() {
        return anchors == null ? Optional.empty() : anchors.state();
    }

    private void status(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        AuditLog.Verification check = check().orElse(new AuditLog.Verification(true, 0, null, null));
        ctx.json(new StatusView(check.intact(), check.entries(), check.firstBroken(), check.problem()));
    }

    private void api(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        String action = action(ctx, null);
        int limit = QueryLimit.of(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        ctx.json(log.entries(database, action, limit).stream().map(EntryView::of).toList());
    }

    private void page(Context ctx) {
        String action = action(ctx, PAGE_ACTION);
        AuditLog.Verification broken = check().filter(check -> !check.intact()).orElse(null);
        int limit = QueryLimit.of(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        Pages.send(ctx, AuditPage.render(action, log.entries(database, action, limit), broken));
    }

    private static String action(Context ctx, String otherwise) {
        String action = ctx.queryParam("action");
        if (action == null || action.isBlank()) {
            return otherwise;
        }
        if (!action.matches("[a-z_.]{1,64}")) {
            throw new BadRequest("Onbekende actie");
        }
        return action;
    }

}
