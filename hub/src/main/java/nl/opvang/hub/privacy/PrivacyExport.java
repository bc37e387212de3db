package nl.opvang.hub.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Registry;

/**
 * The access export (inzage, AVG art. 15; docs/DESIGN.md §5): everything the hub holds under a person's token, in
 * plain Dutch. Stays by date with the location's name (a secret location only as its provider's "Vrouwenopvang", never
 * its name, code or address), origin and destination as the codes the location chose, holds a check-in fulfilled, the
 * rights requests made with the pass, and when the export was made before. No bed, no location code, no other person (a hold's requester only as a role). A
 * request whose token the hub does not know and one without data get the very same answer, {@link #NOTHING}.
 */
public final class PrivacyExport {
    private static final ObjectMapper JSON = Json.mapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy").withZone(PrivacyRequests.LOCAL);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm")
            .withZone(PrivacyRequests.LOCAL);
    static final String TURN_AWAYS = "Bij 'niet opgenomen' legt een locatie geen pas en geen token vast: er staan geen"
            + " afwijzingen op deze pas.";

    /** No data under this pass, or a pass the hub never saw: one answer for both. */
    public static final Export NOTHING = new Export(false, "Niets gevonden: er zijn geen gegevens bij deze pas.",
            List.of(), List.of(), List.of(), TURN_AWAYS, List.of());
    private static final java.util.Map<String, String> RIGHTS = java.util.Map.of("access", "Inzage", "erasure",
            "Verwijderen", "restriction", "Beperken");

    /** One check-in or check-out. */
    public record Stay(String date, String what, String location, String origin, String destination) {
    }

    /** A placement request (hold) that a check-in under the pass fulfilled. */
    public record Hold(String date, String location, String state, String requestedBy) {
    }

    /** A rights request made with the pass (this one included): when, which right, at which location's kiosk. */
    public record Request(String date, String right, String location) {
    }

    /** The export; {@code reads} says when it was made, by the privacy officer, this time included. */
    public record Export(boolean found, String message, List<Stay> stays, List<Hold> holds, List<Request> requests,
                         String turnAways, List<String> reads) {
        Export withReads(List<Long> readsMs) {
            return new Export(found, message, stays, holds, requests, turnAways, readsMs.stream()
                    .map(ms -> MINUTE.format(Instant.ofEpochMilli(ms)) + ": ingezien door de functionaris"
                            + " gegevensbescherming").toList());
        }
    }

    private PrivacyExport() {
    }

    static Export of(Connection connection, Registry registry, Optional<Long> token) throws SQLException {
        if (token.isEmpty()) {
            return NOTHING;
        }
        List<Stay> stays = new ArrayList<>();
        List<Hold> holds = new ArrayList<>();
        for (PrivacyStore.Stay stay : PrivacyStore.stays(connection, token.get())) {
            JsonNode body = body(stay.body());
            boolean in = stay.type().equals("check_in");
            stays.add(new Stay(DAY.format(Instant.ofEpochMilli(stay.atMs())), in ? "Ingecheckt" : "Uitgecheckt",
                    locationName(registry, stay.site()), in ? text(body, "origin") : null,
                    in ? null : text(body, "destination")));
            String hold = text(body, "hold");
            if (hold != null) {
                Optional<PrivacyStore.Hold> found = PrivacyStore.hold(connection, hold);
                found.ifPresent(h -> holds.add(new Hold(DAY.format(Instant.ofEpochMilli(h.createdMs())),
                        locationName(registry, h.site()), Words.holdState(h.state()), Words.requester(h.requesterRole()))));
            }
        }
        if (stays.isEmpty()) {
            // A pass with requests only: the same answer as one the hub never saw (its own request is linked too).
            return NOTHING;
        }
        List<Request> requests = PrivacyStore.requests(connection, token.get()).stream().map(request -> new Request(
                DAY.format(Instant.ofEpochMilli(request.atMs())), RIGHTS.getOrDefault(text(body(request.body()), "right"),
                "Verzoek"), locationName(registry, request.site()))).toList();
        return new Export(true, "Dit zijn alle gegevens die de centrale bij deze pas bewaart.", stays, holds, requests,
                TURN_AWAYS, List.of());
    }

    /** A location's name as the export shows it: a secret location only as its provider's vrouwenopvang. */
    static String locationName(Registry registry, String site) {
        return registry.location(site).map(PrivacyExport::name).orElse("Onbekende locatie");
    }

    private static String name(Location location) {
        return location.secret() ? "Vrouwenopvang (" + location.provider() + ")" : location.name();
    }

    private static JsonNode body(String body) {
        try {
            return JSON.readTree(body == null ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }
}
