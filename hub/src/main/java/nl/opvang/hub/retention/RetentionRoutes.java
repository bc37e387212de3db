package nl.opvang.hub.retention;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.List;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.Resources;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;

/**
 * The retention table for admins, {@code GET /api/v1/admin/retention} (what {@code /admin} shows as "Bewaartermijnen"),
 * and a deletion request through the admin API (docs/DESIGN.md §5): {@code POST /api/v1/admin/token-deletions} with
 * {@code {"token": "k1:…"}} removes that token's links at once. The token goes in the body, never in the path, so it
 * is in no access log; the audit entry names the admin, not the token.
 */
public final class RetentionRoutes implements WebFeature {
    private final Retention retention;

    public RetentionRoutes(Retention retention) {
        this.retention = retention;
    }

    /** What a deletion did. */
    public record DeletionAnswer(int unlinked, boolean tokenDeleted) {
    }

    /** The retention table: every kind of data, how long, why and where. */
    public record TableAnswer(List<RetentionRule> rules) {
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/v1/admin/retention", Access.roles(Role.ADMIN),
                ctx -> ctx.json(new TableAnswer(retention.table().rules())));
        routes.get("/admin-retention.js", Access.PUBLIC, Resources.serve("admin-retention.js",
                "text/javascript; charset=utf-8"));
        routes.post("/api/v1/admin/token-deletions", Access.roles(Role.ADMIN), this::delete);
    }

    private void delete(Context ctx) {
        String token;
        try {
            JsonNode body = ctx.bodyAsClass(JsonNode.class);
            token = body != null && body.path("token").isTextual() ? body.get("token").asText().strip() : "";
        } catch (Exception e) {
            // Javalin's Jackson mapper throws its checked parse exceptions unchecked (Kotlin): catch those too.
            token = "";
        }
        if (token.isEmpty() || token.length() > 200) {
            throw new BadRequest("Stuur JSON: {\"token\": \"...\"}, de token van de kaart (niet het kaartnummer)");
        }
        Retention.Result result = retention.forget(token, Access.principal(ctx).username());
        ctx.header("Cache-Control", "no-store");
        ctx.json(new DeletionAnswer(result.unlinked(), result.tokensDeleted() > 0));
    }
}
