package nl.opvang.hub.coldweather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.json.Json;

/**
 * Cold-weather mode over HTTP (docs/DESIGN.md §4, §6): {@code POST /api/v1/cold-weather}
 * {@code {"until": …, "sites": […], "reason": …}} switches it on or extends it, {@code DELETE /api/v1/cold-weather}
 * (reason as {@code ?reason=} or in the body) switches it off early, both for CT and admins; {@code GET} tells every
 * account whether it is on and until when, and CT and admins also per node whether it confirmed. The page script
 * {@code cold-weather.js} (served with the CT and Veilig Thuis pages, which it is part of) shows the banner and CT's
 * switch; without this feature it finds no answer and shows nothing. A VO desk reads its own locations' noodbedden with
 * {@code GET /api/v1/nood} and opens or closes them with {@code POST /api/v1/nood/{code}} ({@link DeskNood}).
 */
public final class ColdWeatherRoutes implements WebFeature {
    static final String SWITCHERS_ONLY = "Alleen de Centrale Toegang of een beheerder zet de koudweerregeling aan of uit";
    static final String DESK_ONLY = "Alleen de VO-toegang opent of sluit hier noodbedden; de nachtdienst doet dat op de kiosk";

    private final ColdWeather coldWeather;
    private final ColdWeatherView view;
    private final ObjectMapper json = Json.mapper();

    public ColdWeatherRoutes(ColdWeather coldWeather) {
        this.coldWeather = coldWeather;
        this.view = new ColdWeatherView(coldWeather);
    }

    @Override
    public void register(Routes routes) {
        Access switchers = Access.roles(Role.CT, Role.ADMIN).refusing(SWITCHERS_ONLY);
        routes.get("/api/v1/cold-weather", Access.ANY_ACCOUNT, this::state);
        routes.post("/api/v1/cold-weather", switchers, this::switchOn);
        routes.delete("/api/v1/cold-weather", switchers, this::switchOff);
        Access desk = Access.roles(Role.VO_DESK).refusing(DESK_ONLY);
        routes.get("/api/v1/nood", desk, ctx -> ctx.json(coldWeather.desk().of(Access.principal(ctx))));
        routes.post("/api/v1/nood/{code}", desk, this::switchNood);
    }

    /** A VO desk opens ({@code "open": true}, optional {@code until}) or closes its location's noodbedden, with a reason. */
    private void switchNood(Context ctx) {
        JsonNode body = body(ctx);
        JsonNode open = body.get("open");
        if (open != null && !open.isNull() && !open.isBoolean()) {
            throw new BadRequest("Veld open moet true of false zijn");
        }
        ctx.json(coldWeather.desk().change(Access.principal(ctx), ctx.pathParam("code"),
                open == null || open.isNull() ? null : open.asBoolean(), SwitchRequest.until(text(body, "until")),
                text(body, "reason")));
    }

    private void state(Context ctx) {
        ctx.json(view.of(Access.principal(ctx)));
    }

    private void switchOn(Context ctx) {
        Principal principal = Access.principal(ctx);
        ColdWeather.Switched switched = coldWeather.switchOn(principal, request(body(ctx)));
        ctx.status(switched.extended() ? HttpStatus.OK : HttpStatus.CREATED);
        ctx.json(view.of(principal));
    }

    private void switchOff(Context ctx) {
        Principal principal = Access.principal(ctx);
        String reason = ctx.queryParam("reason");
        if (reason == null && !ctx.body().isBlank()) {
            reason = text(body(ctx), "reason");
        }
        coldWeather.switchOff(principal, reason);
        ctx.json(view.of(principal));
    }

    private static SwitchRequest request(JsonNode body) {
        List<String> sites = null;
        JsonNode chosen = body.get("sites");
        if (chosen != null && !chosen.isNull()) {
            if (!chosen.isArray()) {
                throw new BadRequest("Veld sites moet een lijst van locatiecodes zijn");
            }
            sites = new ArrayList<>();
            for (JsonNode site : chosen) {
                if (!site.isTextual()) {
                    throw new BadRequest("Veld sites moet een lijst van locatiecodes zijn");
                }
                sites.add(site.asText());
            }
        }
        return new SwitchRequest(SwitchRequest.until(text(body, "until")), sites, text(body, "reason"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequest("Veld " + field + " moet tekst zijn");
        }
        return value.asText();
    }

    private JsonNode body(Context ctx) {
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (IOException e) {
            throw new BadRequest("Stuur geldige JSON, bijvoorbeeld {\"until\": \"2026-12-08T12:00\", \"reason\": \"vorst\"}");
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest("Stuur een JSON-object, bijvoorbeeld {\"until\": \"2026-12-08T12:00\", \"reason\": \"vorst\"}");
        }
        return body;
    }
}
