package nl.opvang.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the hub publishes for nodes (docs/DESIGN.md §3: {@code ack}, {@code cmd} and the {@code counts} topic), read
 * from and written to a JSON tree after {@link Codec} has checked size and version. Package-private half of {@link
 * Codec}.
 */
final class HubJson {
    private HubJson() {
    }

    static HubCounts counts(int v, JsonNode root) {
        List<HubCounts.LocationCount> locations = new ArrayList<>();
        for (JsonNode location : Json.array(root, "locations")) {
            Json.object(location, "locations");
            locations.add(new HubCounts.LocationCount(Json.text(location, "code"), Json.text(location, "name"),
                    Json.optText(location, "phone"), free(location), Json.optText(location, "freshness"),
                    Json.optInstant(location, "confirmedAt")));
        }
        List<HubCounts.SecretLocation> secret = new ArrayList<>();
        if (root.hasNonNull("secretLocations")) {
            for (JsonNode location : Json.array(root, "secretLocations")) {
                Json.object(location, "secretLocations");
                secret.add(new HubCounts.SecretLocation(Json.text(location, "name"), Json.optText(location, "phone"),
                        free(location), Json.optText(location, "freshness"), Json.optInstant(location, "confirmedAt")));
            }
        }
        return new HubCounts(v, Json.instant(root, "at"), locations, Json.optInstant(root, "coldWeatherUntil"), secret);
    }

    private static Map<Kind, Integer> free(JsonNode location) {
        JsonNode free = Json.field(location, "free");
        Json.object(free, "free");
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (Map.Entry<String, JsonNode> entry : free.properties()) {
            counts.put(Kind.fromWire("free", entry.getKey()), Json.smallInt(free, entry.getKey()));
        }
        return counts;
    }

    static void write(ObjectNode root, HubCounts counts) {
        root.put("v", counts.v());
        root.put("at", counts.at().toString());
        Json.putOpt(root, "coldWeatherUntil", counts.coldWeatherUntil());
        ArrayNode locations = root.putArray("locations");
        for (HubCounts.LocationCount location : counts.locations()) {
            ObjectNode entry = locations.addObject().put("code", location.code()).put("name", location.name());
            Json.putOpt(entry, "phone", location.phone());
            write(entry.putObject("free"), location.free());
            Json.putOpt(entry, "freshness", location.freshness());
            Json.putOpt(entry, "confirmedAt", location.confirmedAt());
        }
        if (!counts.secretLocations().isEmpty()) {
            ArrayNode secret = root.putArray("secretLocations");
            for (HubCounts.SecretLocation location : counts.secretLocations()) {
                ObjectNode entry = secret.addObject().put("name", location.name());
                Json.putOpt(entry, "phone", location.phone());
                write(entry.putObject("free"), location.free());
                Json.putOpt(entry, "freshness", location.freshness());
                Json.putOpt(entry, "confirmedAt", location.confirmedAt());
            }
        }
    }

    private static void write(ObjectNode free, Map<Kind, Integer> counts) {
        for (Kind kind : Kind.values()) {
            Integer number = counts.get(kind);
            if (number != null) {
                free.put(kind.wire(), number);
            }
        }
    }

    static Ack ack(int v, JsonNode root) {
        List<Ack.Rejection> rejected = new ArrayList<>();
        if (root.has("rejected")) {
            for (JsonNode rejection : Json.array(root, "rejected")) {
                Json.object(rejection, "rejected");
                rejected.add(new Ack.Rejection(Json.integer(rejection, "seq"), Json.optUuid(rejection, "id"),
                        Json.text(rejection, "reason")));
            }
        }
        return new Ack(v, Json.text(root, "session"), Json.integer(root, "seq"), rejected);
    }

    static void write(ObjectNode root, Ack ack) {
        root.put("v", ack.v());
        root.put("session", ack.session());
        root.put("seq", ack.seq());
        ArrayNode rejected = root.putArray("rejected");
        for (Ack.Rejection rejection : ack.rejected()) {
            ObjectNode entry = rejected.addObject().put("seq", rejection.seq());
            Json.putOpt(entry, "id", rejection.id());
            entry.put("reason", rejection.reason());
        }
    }

    static Command command(int v, JsonNode root) {
        String type = Json.text(root, "type");
        Command.Body body = switch (type) {
            case "resend" -> new Command.Resend(Json.text(root, "session"), Json.integer(root, "fromSeq"));
            case "rebirth" -> new Command.Rebirth();
            case "hold" -> new Command.Hold(Json.uuid(root, "hold"), Json.kind(root, "kind"), Json.optText(root, "bed"),
                    Json.instant(root, "expiresAt"), Json.text(root, "from"), Json.optBool(root, "accepted", false));
            case "release_hold" -> new Command.ReleaseHold(Json.uuid(root, "hold"));
            case "open_nood" -> new Command.OpenNood(Json.instant(root, "until"),
                    root.hasNonNull("capacity") ? Json.smallInt(root, "capacity") : null);
            case "set_capacity" -> new Command.SetCapacity(Json.kind(root, "kind"), Json.smallInt(root, "capacity"));
            case "close_nood" -> new Command.CloseNood();
            case "config" -> new Command.Config(Json.smallInt(root, "heartbeatSeconds"));
            case "message" -> new Command.Message(Json.text(root, "text"));
            default -> throw new ProtocolException(Reason.UNKNOWN_TYPE, "unknown command type: " + Json.abbreviate(type));
        };
        return new Command(v, Json.uuid(root, "id"), body);
    }

    static void write(ObjectNode root, Command command) {
        root.put("v", command.v());
        root.put("id", command.id().toString());
        root.put("type", command.type());
        Command.Body body = command.body();
        if (body instanceof Command.Resend resend) {
            root.put("session", resend.session()).put("fromSeq", resend.fromSeq());
        } else if (body instanceof Command.Hold hold) {
            root.put("hold", hold.hold().toString()).put("kind", hold.kind().wire());
            Json.putOpt(root, "bed", hold.bed());
            root.put("expiresAt", hold.expiresAt().toString()).put("from", hold.from());
            // Written only when true: a request encodes as before the field existed.
            if (hold.accepted()) {
                root.put("accepted", true);
            }
        } else if (body instanceof Command.ReleaseHold release) {
            root.put("hold", release.hold().toString());
        } else if (body instanceof Command.OpenNood open) {
            root.put("until", open.until().toString());
            Json.putOpt(root, "capacity", open.capacity());
        } else if (body instanceof Command.SetCapacity limit) {
            root.put("kind", limit.kind().wire()).put("capacity", limit.capacity());
        } else if (body instanceof Command.Config config) {
            root.put("heartbeatSeconds", config.heartbeatSeconds());
        } else if (body instanceof Command.Message message) {
            root.put("text", message.text());
        }
        // rebirth and close_nood have no fields of their own.
    }
}
