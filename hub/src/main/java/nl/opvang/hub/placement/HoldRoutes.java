package nl.opvang.hub.placement;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.ChangeStream;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.location.Registry;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.ProtocolException;

/**
 * The holds' HTTP interface (docs/DESIGN.md §6): {@code POST/GET /api/v1/holds}, {@code GET/DELETE /api/v1/holds/{id}},
 * the location's answers ({@code /accept}, {@code /refuse}), the requester's {@code /close} of an ended hold, the
 * stream of changes, and Veilig Thuis's counts of the vrouwenopvang's places per access desk.
 * Each route declares the roles that can ever succeed on it, so a wrong role is 403 before a body is read; which hold a
 * caller may see, answer or cancel is decided per hold by {@link HoldService} ({@link HoldPermissions}).
 */
public final class HoldRoutes implements WebFeature {
    private final HoldService holds;
    private final CrisisRegions crisis;
    /**
     * {@code GET /api/v1/holds/stream}: the holds the caller may see (its own; CT all; a location or VO desk the
     * requests for it), a {@code holds} snapshot, then one {@code hold} per change. Frames never carry instructions:
     * the requester fetches {@code /api/v1/holds/{id}} for those.
     */
    private final ChangeStream<Hold> stream;
    private final ObjectReader json = Json.mapper().reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public HoldRoutes(HoldService holds, Registry registry, AvailabilityProjection projection, Map<String, String> regionNames) {
        this.holds = holds;
        this.crisis = new CrisisRegions(registry, projection, regionNames);
        this.stream = new ChangeStream<>("holds", new ChangeStream.Feed<>("holds", this::list, "hold", holds::subscribe,
                holds::visibleTo, (principal, hold) -> HoldView.of(hold, holds.location(hold), principal, null)));
    }

    @Override
    public void register(Routes routes) {
        Access answerers = Access.roles(Role.VO_DESK, Role.NIGHT_STAFF)
                .refusing("Alleen de locatie of de VO-toegang kan deze aanvraag beantwoorden");
        routes.post("/api/v1/holds", Access.roles(Role.CT).refusing("Alleen CT vraagt hier een plaats aan. "
                + HoldPermissions.VT_REFERS), this::create);
        // Every account: each sees the holds that are its own, its location's or (CT) all of them.
        routes.get("/api/v1/holds", Access.ANY_ACCOUNT, ctx -> ctx.json(list(Access.principal(ctx))));
        // Before {id}: the first matching route answers.
        routes.get("/api/v1/holds/stream", Access.ANY_ACCOUNT, stream::get);
        routes.get("/api/v1/holds/{id}", Access.ANY_ACCOUNT, this::one);
        routes.delete("/api/v1/holds/{id}", Access.roles(Role.CT, Role.VEILIG_THUIS)
                .refusing("Alleen de aanvrager of CT kan deze aanvraag intrekken"), this::cancel);
        routes.post("/api/v1/holds/{id}/close", Access.roles(Role.CT)
                .refusing("Alleen de aanvrager kan deze aanvraag sluiten"), this::close);
        routes.post("/api/v1/holds/{id}/accept", answerers, this::accept);
        routes.post("/api/v1/holds/{id}/refuse", answerers, this::refuse);
        routes.get("/api/v1/crisis-places", Access.roles(Role.VEILIG_THUIS, Role.CT)
                .refusing("Alleen Veilig Thuis en CT zien de crisisplekken per regio"), this::crisisPlaces);
    }

    /** The body of {@code GET /api/v1/holds}. */
    record Holds(List<HoldView> holds) {
    }

    Holds list(Principal principal) {
        return new Holds(holds.list(principal).stream().map(hold -> HoldView.of(hold, holds.location(hold), principal, null))
                .toList());
    }

    private void create(Context ctx) {
        Principal principal = Access.principal(ctx);
        HoldBody.Create body = body(ctx, HoldBody.Create.class);
        Kind kind;
        try {
            kind = Kind.fromWire("kind", body.kind());
        } catch (ProtocolException e) {
            throw HoldProblem.badRequest("Kies een soort plek: regular, crisis, nood, opstart of family");
        }
        Hold hold = holds.create(principal, new HoldRequest(body.site(), kind, body.bed()));
        ctx.status(HttpStatus.CREATED).header("Location", "/api/v1/holds/" + hold.id());
        ctx.json(HoldView.of(hold, holds.location(hold), principal, null));
    }

    private void one(Context ctx) {
        Principal principal = Access.principal(ctx);
        Hold hold = holds.get(principal, id(ctx));
        ctx.json(HoldView.of(hold, holds.location(hold), principal, holds.instructions(principal, hold).orElse(null)));
    }

    private void cancel(Context ctx) {
        Principal principal = Access.principal(ctx);
        Hold hold = holds.cancel(principal, id(ctx));
        ctx.json(HoldView.of(hold, holds.location(hold), principal, null));
    }

    private void close(Context ctx) {
        Principal principal = Access.principal(ctx);
        Hold hold = holds.close(principal, id(ctx));
        ctx.json(HoldView.of(hold, holds.location(hold), principal, null));
    }

    private void accept(Context ctx) {
        Principal principal = Access.principal(ctx);
        HoldBody.Accept body = body(ctx, HoldBody.Accept.class);
        Hold hold = holds.accept(principal, id(ctx), body.bed(), body.instructions());
        ctx.json(HoldView.of(hold, holds.location(hold), principal, null));
    }

    private void refuse(Context ctx) {
        Principal principal = Access.principal(ctx);
        Hold hold = holds.refuse(principal, id(ctx), body(ctx, HoldBody.Refuse.class).reason());
        ctx.json(HoldView.of(hold, holds.location(hold), principal, null));
    }

    private void crisisPlaces(Context ctx) {
        ctx.json(crisis.answer(CrisisRegions.count(ctx.queryParam("adults"), 1, "volwassenen"),
                CrisisRegions.count(ctx.queryParam("children"), 0, "kinderen")));
    }

    private static UUID id(Context ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw HoldProblem.notFound("Deze aanvraag bestaat niet");
        }
    }

    /** The request body bound to {@code type}; a field that is there but not text is named, unknown fields are ignored. */
    private <T> T body(Context ctx, Class<T> type) {
        T body;
        try {
            body = json.readValue(ctx.body(), type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            throw HoldProblem.badRequest(field == null ? "Stuur een JSON-object" : "Veld " + field + " moet tekst zijn");
        } catch (IOException e) {
            throw HoldProblem.badRequest("Stuur geldige JSON");
        }
        if (body == null) {
            throw HoldProblem.badRequest("Stuur een JSON-object");
        }
        return body;
    }

    @Override
    public void close() {
        stream.close();
    }
}
