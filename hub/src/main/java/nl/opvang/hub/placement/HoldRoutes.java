package nl.opvang.hub.placement;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.opvang.hub.account.Principal;
import nl.opvang.hub.account.Role;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.web.WebFeature;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.ProtocolException;

/**
 * The holds' HTTP interface (DESIGN §6): {@code POST/GET /api/v1/holds}, {@code GET/DELETE /api/v1/holds/{id}}, the
 * location's answers ({@code /accept}, {@code /refuse}), the stream of changes, and Veilig Thuis's crisis counts. The
 * caller is the {@link Principal} the authentication filter put on the request; none is 401, a wrong role 403.
 * {@link HoldProblem}s map to their status here, in one place.
 */
public final class HoldRoutes implements WebFeature, AutoCloseable {
    private final HoldService holds;
    private final CrisisRegions crisis;
    private final HoldStream stream;
    private final ObjectReader json = Json.mapper().reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public HoldRoutes(HoldService holds, Registry registry, AvailabilityProjection projection, Map<String, String> regionNames) {
        this.holds = holds;
        this.crisis = new CrisisRegions(registry, projection, regionNames);
        this.stream = new HoldStream(this, holds);
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.post("/api/v1/holds", this::create);
        config.routes.get("/api/v1/holds", ctx -> ctx.json(list(principal(ctx))));
        // Before {id}: the first matching route answers.
        config.routes.get("/api/v1/holds/stream", stream::get);
        config.routes.get("/api/v1/holds/{id}", this::one);
        config.routes.delete("/api/v1/holds/{id}", this::cancel);
        config.routes.post("/api/v1/holds/{id}/accept", this::accept);
        config.routes.post("/api/v1/holds/{id}/refuse", this::refuse);
        config.routes.get("/api/v1/crisis-places", this::crisisPlaces);
        config.routes.exception(HoldProblem.class, (e, ctx) -> ctx.status(e.status()).json(Map.of("error", e.getMessage())));
    }

    /** The body of {@code GET /api/v1/holds}. */
    record Holds(List<HoldView> holds) {
    }

    Holds list(Principal principal) {
        return new Holds(holds.list(principal).stream().map(hold -> HoldView.of(hold, holds.location(hold), principal, null))
                .toList());
    }

    static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(Principal.ATTRIBUTE);
        if (principal == null) {
            throw new UnauthorizedResponse("Log eerst in");
        }
        return principal;
    }

    private void create(Context ctx) {
        Principal principal = principal(ctx);
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
        Principal principal = principal(ctx);
        Hold hold = holds.get(principal, id(ctx));
        ctx.json(HoldView.of(hold, holds.location(hold), principal, holds.instructions(principal, hold).orElse(null)));
    }

    private void cancel(Context ctx) {
        Principal principal = principal(ctx);
        Hold hold = holds.cancel(principal, id(ctx));
        ctx.json(HoldView.of(hold, holds.location(hold), principal, null));
    }

    private void accept(Context ctx) {
        Principal principal = principal(ctx);
        HoldBody.Accept body = body(ctx, HoldBody.Accept.class);
        Hold hold = holds.accept(principal, id(ctx), body.bed(), body.instructions());
        ctx.json(HoldView.of(hold, holds.location(hold), principal, null));
    }

    private void refuse(Context ctx) {
        Principal principal = principal(ctx);
        Hold hold = holds.refuse(principal, id(ctx), body(ctx, HoldBody.Refuse.class).reason());
        ctx.json(HoldView.of(hold, holds.location(hold), principal, null));
    }

    private void crisisPlaces(Context ctx) {
        Principal principal = principal(ctx);
        if (principal.role() != Role.VEILIG_THUIS && principal.role() != Role.CT) {
            throw HoldProblem.forbidden("Alleen Veilig Thuis en CT zien de crisisplekken per regio");
        }
        ctx.json(crisis.answer());
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
