package nl.opvang.hub.referral;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.ChangeStream;
import nl.opvang.hub.http.NotFound;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Resources;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.location.Location;

/**
 * The referrals' HTTP interface (docs/DESIGN.md §6): Veilig Thuis sends ({@code POST /api/v1/referrals}) and withdraws
 * ({@code DELETE …/{id}}); the VO desk answers ({@code …/{id}/accept}, {@code …/{id}/refuse}); both list, follow
 * ({@code …/stream}) and read one. The desk's list carries its free places to choose from.
 */
public final class ReferralRoutes implements WebFeature {
    private final Referrals referrals;
    private final AvailabilityProjection projection;
    /**
     * {@code GET /api/v1/referrals/stream}: a {@code referrals} snapshot (with the desk's free places), then one
     * {@code referral} per change the caller may see. Frames never carry instructions.
     */
    private final ChangeStream<Referral> stream;
    private final ObjectReader json = Json.mapper().reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ReferralRoutes(Referrals referrals, AvailabilityProjection projection) {
        this.referrals = referrals;
        this.projection = projection;
        this.stream = new ChangeStream<>("referrals", new ChangeStream.Feed<>("referrals", this::list, "referral",
                referrals::subscribe, Referrals::maySee,
                (principal, referral) -> ReferralView.of(referral, principal, referrals, false)));
    }

    @Override
    public void register(Routes routes) {
        Access both = Access.roles(Role.VEILIG_THUIS, Role.VO_DESK)
                .refusing("Alleen Veilig Thuis en de VO-toegang zien aanmeldingen bij de vrouwenopvang");
        Access desk = Access.roles(Role.VO_DESK).refusing("Alleen de VO-toegang beantwoordt een aanmelding");
        Access vt = Access.roles(Role.VEILIG_THUIS).refusing("Alleen Veilig Thuis meldt aan bij de vrouwenopvang");
        // The VO desk page's queue of referrals (/vo loads it; a role without referrals sees no queue).
        routes.get("/vo-referrals.js", Access.PUBLIC, Resources.serve("vo-referrals.js", "text/javascript; charset=utf-8"));
        routes.post("/api/v1/referrals", vt, this::create);
        routes.get("/api/v1/referrals", both, ctx -> ctx.json(list(Access.principal(ctx))));
        // Before {id}: the first matching route answers.
        routes.get("/api/v1/referrals/stream", both, stream::get);
        routes.get("/api/v1/referrals/{id}", both, ctx -> {
            Principal principal = Access.principal(ctx);
            ctx.json(ReferralView.of(referrals.get(principal, id(ctx)), principal, referrals, true));
        });
        routes.delete("/api/v1/referrals/{id}", vt, ctx -> ctx.json(view(ctx, referrals.withdraw(Access.principal(ctx),
                id(ctx)))));
        routes.post("/api/v1/referrals/{id}/accept", desk, ctx -> ctx.json(view(ctx, referrals.accept(
                Access.principal(ctx), id(ctx), body(ctx, ReferralBody.Accept.class)))));
        routes.post("/api/v1/referrals/{id}/refuse", desk, ctx -> ctx.json(view(ctx, referrals.refuse(
                Access.principal(ctx), id(ctx), body(ctx, ReferralBody.Refuse.class).reason()))));
    }

    /** A free place of the desk's own VO locations: what it can accept a referral onto. */
    record Place(String site, String location, String kind, int free, boolean takesChildren) {
    }

    /** The body of {@code GET /api/v1/referrals}: {@code places} for a desk only. */
    record Answer(List<ReferralView> referrals, List<Place> places) {
    }

    Answer list(Principal principal) {
        List<ReferralView> views = referrals.list(principal).stream()
                .map(referral -> ReferralView.of(referral, principal, referrals, false)).toList();
        return new Answer(views, principal.role() == Role.VO_DESK ? places(principal) : List.of());
    }

    private List<Place> places(Principal desk) {
        List<Place> places = new ArrayList<>();
        List<Location> own;
        try {
            own = referrals.desks().of(desk.scope());
        } catch (BadRequest e) {
            return places;
        }
        for (Location location : own) {
            LocationAvailability now = projection.snapshot().locations().get(location.code());
            for (KindAvailability kind : now == null ? List.<KindAvailability>of() : now.kinds()) {
                if (kind.free() > 0) {
                    places.add(new Place(location.code(), location.name(), kind.kind().wire(), kind.free(),
                            location.audience().takesChildren(kind.kind())));
                }
            }
        }
        return places;
    }

    ReferralView view(Context ctx, Referral referral) {
        return ReferralView.of(referral, Access.principal(ctx), referrals, false);
    }

    private void create(Context ctx) {
        Referral referral = referrals.create(Access.principal(ctx), body(ctx, ReferralBody.Create.class));
        ctx.status(HttpStatus.CREATED).header("Location", "/api/v1/referrals/" + referral.id());
        ctx.json(view(ctx, referral));
    }

    private static UUID id(Context ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new NotFound("Deze aanmelding bestaat niet");
        }
    }

    /** The request body bound to {@code type}; a field of the wrong type is named, unknown fields are ignored. */
    private <T> T body(Context ctx, Class<T> type) {
        T body;
        try {
            body = json.readValue(ctx.body(), type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            throw new BadRequest(field == null ? "Stuur een JSON-object" : "Veld " + field + " heeft een verkeerd type");
        } catch (IOException e) {
            throw new BadRequest("Stuur geldige JSON");
        }
        if (body == null) {
            throw new BadRequest("Stuur een JSON-object");
        }
        return body;
    }

    @Override
    public void close() {
        stream.close();
    }
}
