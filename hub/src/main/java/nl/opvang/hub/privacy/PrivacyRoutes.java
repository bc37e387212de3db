package nl.opvang.hub.privacy;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.Resources;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.location.Registry;

/**
 * Rights requests over HTTP (docs/DESIGN.md §5, §6): the privacy officer's page {@code /privacy} and
 * {@code /api/v1/privacy/...}. Admins see the list (a section of {@code /admin}); only the privacy officer opens an
 * export and carries a request out. Every answer is {@code no-store}.
 */
public final class PrivacyRoutes implements WebFeature {
    private static final String PATH = "/api/v1/privacy/requests";
    private final PrivacyRequests requests;
    private final Registry registry;

    public PrivacyRoutes(PrivacyRequests requests, Registry registry) {
        this.requests = requests;
        this.registry = registry;
    }

    /** A request as the pages show it; the location as the export names it (a secret one as its provider's VO). */
    public record RequestAnswer(String request, String reference, String right, String location, Instant receivedAt,
                                Instant deadline, boolean open, Instant doneAt, String outcome, boolean restricted) {
    }

    /** Every request, the open ones first. */
    public record ListAnswer(List<RequestAnswer> requests) {
    }

    @Override
    public void register(Routes routes) {
        Access officer = Access.roles(Role.PRIVACY);
        routes.get("/privacy", officer, Resources.serve("privacy.html", "text/html; charset=utf-8"));
        routes.get("/privacy.js", Access.PUBLIC, Resources.serve("privacy.js", "text/javascript; charset=utf-8"));
        routes.get("/admin-privacy.js", Access.PUBLIC, Resources.serve("admin-privacy.js",
                "text/javascript; charset=utf-8"));
        routes.get(PATH, Access.roles(Role.PRIVACY, Role.ADMIN),
                ctx -> answer(ctx, new ListAnswer(requests.requests().stream().map(this::answer).toList())));
        routes.get(PATH + "/{id}", officer, ctx -> answer(ctx, answer(requests.request(ctx.pathParam("id")))));
        routes.get(PATH + "/{id}/export", officer,
                ctx -> answer(ctx, requests.export(ctx.pathParam("id"), Access.principal(ctx).username())));
        routes.post(PATH + "/{id}/carry-out", officer,
                ctx -> answer(ctx, answer(requests.carryOut(ctx.pathParam("id"), Access.principal(ctx).username()))));
        routes.post(PATH + "/{id}/lift", officer,
                ctx -> answer(ctx, answer(requests.lift(ctx.pathParam("id"), Access.principal(ctx).username()))));
    }

    private RequestAnswer answer(PrivacyRequest request) {
        return new RequestAnswer(request.request(), request.reference(), request.asked(),
                PrivacyExport.locationName(registry, request.site()), Instant.ofEpochMilli(request.receivedMs()),
                Instant.ofEpochMilli(request.deadlineMs()), request.open(),
                request.doneMs() == null ? null : Instant.ofEpochMilli(request.doneMs()), request.outcome(),
                request.restricted());
    }

    private static void answer(Context ctx, Object body) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }
}
