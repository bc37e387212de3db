package nl.opvang.hub.groups;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import java.util.Map;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.Resources;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.json.Json;

/**
 * Whom a location's places are for, edited on {@code /admin} (issue 14 item 1): {@code GET /api/v1/admin/groups}
 * lists every location with its kinds, domain, groups and a kind's own groups; {@code PUT
 * /api/v1/locations/{code}/groups} {@code {"groups": ["women"], "groupsByKind": {"regular": ["trafficking"]}}}
 * replaces them (admin; audited as {@code location.groups}).
 */
public final class GroupRoutes implements WebFeature {
    private final GroupEdits edits;

    public GroupRoutes(GroupEdits edits) {
        this.edits = edits;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/v1/admin/groups", Access.roles(Role.ADMIN), this::list);
        routes.put("/api/v1/locations/{code}/groups", Access.roles(Role.ADMIN), this::edit);
        routes.get("/admin-groups.js", Access.PUBLIC, Resources.serve("admin-groups.js", "text/javascript; charset=utf-8"));
    }

    private void list(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("locations", edits.list()));
    }

    private void edit(Context ctx) {
        GroupEdits.Edit body;
        try {
            body = Json.mapper().readValue(ctx.body(), GroupEdits.Edit.class);
        } catch (JsonProcessingException e) {
            throw new BadRequest("Stuur JSON met de velden groups (een lijst) en groupsByKind (soort: lijst)");
        }
        if (body == null) {
            throw new BadRequest("Stuur JSON met de velden groups (een lijst) en groupsByKind (soort: lijst)");
        }
        ctx.json(edits.edit(Access.principal(ctx), ctx.pathParam("code"), body));
    }
}
