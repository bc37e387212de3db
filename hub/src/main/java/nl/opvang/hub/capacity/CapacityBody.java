package nl.opvang.hub.capacity;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.json.Json;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.ProtocolException;

/**
 * The request bodies of the capacity routes, with their times: an ISO instant ({@code 2026-12-15T11:00:00Z}), a time
 * with offset, a local date and time ({@code 2026-12-15T12:00}, as a form's datetime-local sends it) or a date
 * ({@code 2026-12-15}, the start of that day), local times in Europe/Amsterdam.
 */
final class CapacityBody {
    private static final ObjectReader JSON = Json.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** {@code POST /api/v1/capacity-changes}. */
    record Create(String site, String kind, Integer capacity, String from, String until, String reason) {
        CapacityService.Plan plan() {
            return new CapacityService.Plan(site, CapacityBody.kind(kind), capacity, time("from", from), time("until", until), reason);
        }
    }

    /** {@code DELETE /api/v1/capacity-changes/{id}} (optional body) and {@code POST .../retire}. */
    record Reason(String at, String reason) {
    }

    private CapacityBody() {
    }

    static <T> T read(Context ctx, Class<T> type, boolean optional) {
        String text = ctx.body();
        if (optional && text.isBlank()) {
            return null;
        }
        T body;
        try {
            body = JSON.readValue(text, type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            throw new BadRequest(field == null ? "Stuur een JSON-object" : "Veld " + field + " heeft de verkeerde vorm");
        } catch (IOException e) {
            throw new BadRequest("Stuur geldige JSON");
        }
        if (body == null && !optional) {
            throw new BadRequest("Stuur een JSON-object");
        }
        return body;
    }

    static Kind kind(String wire) {
        if (wire == null || wire.isBlank()) {
            return null;
        }
        try {
            return Kind.fromWire("kind", wire);
        } catch (ProtocolException e) {
            throw new BadRequest("Onbekende soort plek '" + wire + "' (kies regular, crisis, nood, opstart of family)");
        }
    }

    static Instant time(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(CapacityService.ZONE).toInstant();
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).atZone(CapacityService.ZONE).toInstant();
        } catch (DateTimeException e) {
            throw new BadRequest("Veld " + field + ": '" + value + "' is geen tijd; gebruik bijv. 2026-12-15T12:00");
        }
    }
}
