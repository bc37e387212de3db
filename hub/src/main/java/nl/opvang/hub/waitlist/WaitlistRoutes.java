package nl.opvang.hub.waitlist;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.UUID;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.NotFound;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.json.Json;

/**
 * The waiting list's HTTP interface (docs/DESIGN.md §6): {@code GET/POST /api/v1/waitlist}, {@code PUT
 * /api/v1/waitlist/{id}} (priority, exemption), {@code POST …/{id}/offer} and {@code …/{id}/close}; the CT page's
 * script and style for it are served with the page ({@code WebServer}). CT only: the CT manages the list (seed: "Ook
 * beheert de CT de wachtlijst"); an admin configures the hub and sees no client matters, the other roles place or
 * answer but keep no list.
 */
public final class WaitlistRoutes implements WebFeature {
    static final String CT_ONLY = "Alleen CT beheert de wachtlijst";

    private final Waitlist waitlist;

    public WaitlistRoutes(Waitlist waitlist) {
        this.waitlist = waitlist;
    }

    @Override
    public void register(Routes routes) {
        Access ct = Access.roles(Role.CT).refusing(CT_ONLY);
        routes.get("/api/v1/waitlist", ct, ctx -> ctx.json(waitlist.overview()));
        routes.post("/api/v1/waitlist", ct, this::add);
        routes.put("/api/v1/waitlist/{id}", ct, ctx -> ctx.json(view(waitlist.change(Access.principal(ctx), id(ctx),
                body(ctx, WaitlistBody.Change.class)))));
        routes.post("/api/v1/waitlist/{id}/offer", ct, this::offer);
        routes.post("/api/v1/waitlist/{id}/close", ct, ctx -> ctx.json(view(waitlist.close(Access.principal(ctx), id(ctx),
                body(ctx, WaitlistBody.Close.class).reason()))));
    }

    private void add(Context ctx) {
        Entry entry = waitlist.add(Access.principal(ctx), body(ctx, WaitlistBody.Add.class));
        ctx.status(HttpStatus.CREATED).header("Location", "/api/v1/waitlist/" + entry.id());
        ctx.json(view(entry));
    }

    private void offer(Context ctx) {
        UUID id = id(ctx);
        // An empty body is fine: the place is looked for in the whole region.
        String site = ctx.body().isBlank() ? null : body(ctx, WaitlistBody.Offer.class).site();
        Entry entry = waitlist.offer(Access.principal(ctx), id, site);
        ctx.status(HttpStatus.CREATED).header("Location", "/api/v1/holds/" + entry.hold());
        ctx.json(view(entry));
    }

    private WaitlistView.EntryView view(Entry entry) {
        return WaitlistView.EntryView.of(entry, Ageing.today(waitlist.clock()), false, false);
    }

    static NotFound notFound() {
        return new NotFound("Deze inschrijving op de wachtlijst bestaat niet");
    }

    private static UUID id(Context ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    /**
     * The request body bound to {@code type}. A field the list does not know is refused by name: the list keeps no
     * name or other text about the person, and says so.
     */
    private static <T> T body(Context ctx, Class<T> type) {
        T body;
        try {
            body = Json.mapper().readerFor(type).readValue(ctx.body());
        } catch (UnrecognizedPropertyException e) {
            // The field's name is echoed only when it is a plain word: a name sent as a key is not repeated back.
            String field = e.getPropertyName() != null && e.getPropertyName().matches("[A-Za-z_]{1,30}")
                    ? e.getPropertyName() : "?";
            throw new BadRequest("Onbekend veld: " + field + ". De wachtlijst bewaart geen naam of andere gegevens van de"
                    + " persoon, alleen het kenmerk dat de centrale geeft");
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            throw new BadRequest(field == null ? "Stuur een JSON-object" : "Veld " + field + " moet tekst zijn");
        } catch (IOException e) {
            throw new BadRequest("Stuur geldige JSON");
        }
        if (body == null) {
            throw new BadRequest("Stuur een JSON-object");
        }
        return body;
    }
}
