package nl.opvang.hub.secret;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Resources;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.json.StrictText;

/**
 * {@code POST /api/v1/locations/{code}/break-glass} {@code {"reason": "…"}} (CT) opens a secret location's contact
 * details and audits the read; {@code PUT /api/v1/locations/{code}/contact}
 * {@code {"desk": "…", "phones": [{"number": "…", "note": "…"}], "hours": "…"}} (admin) sets them, as structured
 * fields only ({@link SecretContact}); {@code GET /api/v1/admin/secret-contacts} (admin) says per secret location
 * whether its contact is set, missing or must be entered again, never what it is.
 */
public final class SecretRoutes implements WebFeature {
    private final SecretContacts contacts;
    private final ObjectMapper json = Json.mapper();
    private final ObjectReader reasonReader = Json.mapper().readerFor(Reason.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SecretRoutes(SecretContacts contacts) {
        this.contacts = contacts;
    }

    /** Registers the routes on the hub's web configuration. */
    @Override
    public void register(Routes routes) {
        routes.post("/api/v1/locations/{code}/break-glass", Access.roles(Role.CT), this::breakGlass);
        routes.put("/api/v1/locations/{code}/contact", Access.roles(Role.ADMIN), this::setContact);
        routes.get("/api/v1/admin/secret-contacts", Access.roles(Role.ADMIN), this::states);
        routes.get("/admin-secret.js", Access.PUBLIC, Resources.serve("admin-secret.js", "text/javascript; charset=utf-8"));
    }

    private void breakGlass(Context ctx) {
        Principal caller = Access.principal(ctx);
        String reason = reason(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.json(contacts.breakGlass(ctx.pathParam("code"), reason, caller));
    }

    private void setContact(Context ctx) {
        Principal admin = Access.principal(ctx);
        SecretContact contact;
        try {
            contact = SecretContact.fromJson(json.readTree(ctx.body()));
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("Stuur JSON met de velden desk, phones en hours");
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        contacts.setContact(ctx.pathParam("code"), contact, admin);
        ctx.status(204);
    }

    private void states(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("locations", contacts.states()));
    }

    /** The body of break-glass, {@code {"reason": "…"}}; other fields are ignored. */
    record Reason(@JsonDeserialize(using = StrictText.class) String reason) {
    }

    private String reason(Context ctx) {
        try {
            Reason body = reasonReader.readValue(ctx.body());
            if (body != null && body.reason() != null) {
                return body.reason();
            }
        } catch (IOException e) {
            // Not JSON, not an object, or the reason not text: the same answer below.
        }
        throw new BadRequestResponse("Stuur JSON met het veld \"reason\" als tekst");
    }
}
