package nl.opvang.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The node → hub payloads of the contract (docs/DESIGN.md §3: the birth and the event types), read from and written to
 * a JSON tree, without the envelope. Package-private half of {@link Codec}, which turns bytes into trees and back,
 * checks size and version and reads the envelope. Static and stateless: on the ingest path a call costs no more than
 * the private method it was.
 */
final class PayloadJson {
    private PayloadJson() {
    }

    /**
     * What an invalid message's {@link Payload.Invalid#fields()} keep: {@code type}, {@code at} and the fields the
     * contract names for any type. Unknown fields are dropped, as from a valid message: a receiver keeps no more of a
     * message it refuses than of one it accepts (docs/DESIGN.md §5: nothing personal at the hub).
     */
    static final List<String> CONTRACT_FIELDS = List.of("type", "at", "software", "heartbeatSeconds", "beds",
            "counts", "bed", "kind", "token", "origin", "hold", "destination", "occupied", "status", "capacity", "open",
            "reason", "instructions", "until", "closed", "right", "request");

    /** The fields of a message of {@code type}; an unknown type is refused. */
    static Payload read(JsonNode root, String type) {
        return switch (type) {
            case "birth" -> new Payload.Birth(Json.text(root, "software"), Json.smallInt(root, "heartbeatSeconds"),
                    beds(Json.array(root, "beds")), counts(root.has("counts") ? Json.array(root, "counts") : null),
                    lost(root));
            case "check_in" -> new Payload.CheckIn(Json.optText(root, "bed"), Json.optKind(root, "kind"),
                    Json.text(root, "token"), Json.optText(root, "origin"), Json.optUuid(root, "hold"));
            case "check_out" -> new Payload.CheckOut(Json.optText(root, "bed"), Json.optKind(root, "kind"),
                    Json.text(root, "token"), Json.optText(root, "destination"), Json.optBool(root, "withoutPass", false));
            case "count" -> new Payload.Count(Json.kind(root, "kind"), Json.smallInt(root, "occupied"));
            case "bed_status" -> new Payload.BedStatus(Json.text(root, "bed"),
                    PlaceStatus.fromWire("status", Json.text(root, "status")));
            case "capacity" -> new Payload.Capacity(Json.kind(root, "kind"), Json.smallInt(root, "capacity"),
                    Json.bool(root, "open"), Json.optText(root, "reason"), Json.optInstant(root, "until"),
                    Json.optTexts(root, "closed"));
            case "turn_away" -> new Payload.TurnAway(Json.text(root, "reason"), Json.optKind(root, "kind"));
            case "hold_accepted" -> new Payload.HoldAccepted(Json.uuid(root, "hold"), Json.optText(root, "bed"),
                    Json.text(root, "instructions"));
            case "hold_refused" -> new Payload.HoldRefused(Json.uuid(root, "hold"), Json.text(root, "reason"));
            case "privacy_request" -> new Payload.PrivacyRequest(Json.text(root, "right"), Json.text(root, "token"),
                    Json.uuid(root, "request"));
            case "heartbeat" -> new Payload.Heartbeat();
            default -> throw new ProtocolException(Reason.UNKNOWN_TYPE, "unknown type: " + Json.abbreviate(type));
        };
    }

    /** A birth's optional {@code lost} range (docs/DESIGN.md §3); absent or null in every ordinary birth. */
    private static Payload.Lost lost(JsonNode root) {
        JsonNode lost = root.get("lost");
        if (lost == null || lost.isNull()) {
            return null;
        }
        Json.object(lost, "lost");
        return new Payload.Lost(Json.integer(lost, "from"), Json.integer(lost, "to"));
    }

    private static List<Payload.BedState> beds(JsonNode array) {
        List<Payload.BedState> beds = new ArrayList<>(array.size());
        for (JsonNode bed : array) {
            Json.object(bed, "beds");
            beds.add(new Payload.BedState(Json.text(bed, "bed"), Json.kind(bed, "kind"),
                    PlaceStatus.fromWire("status", Json.text(bed, "status")), Json.optBool(bed, "open", true)));
        }
        return beds;
    }

    private static List<Payload.CountState> counts(JsonNode array) {
        if (array == null) {
            return List.of();
        }
        List<Payload.CountState> counts = new ArrayList<>(array.size());
        for (JsonNode count : array) {
            Json.object(count, "counts");
            counts.add(new Payload.CountState(Json.kind(count, "kind"), Json.smallInt(count, "capacity"),
                    Json.optBool(count, "open", true), Json.smallInt(count, "occupied"), Json.optInstant(count, "until")));
        }
        return counts;
    }

    /** Writes {@code payload}'s own fields into {@code root} (no envelope, no type). */
    static void write(ObjectNode root, Payload payload) {
        if (payload instanceof Payload.Birth birth) {
            root.put("software", birth.software());
            root.put("heartbeatSeconds", birth.heartbeatSeconds());
            ArrayNode beds = root.putArray("beds");
            for (Payload.BedState bed : birth.beds()) {
                ObjectNode entry = beds.addObject().put("bed", bed.bed()).put("kind", bed.kind().wire())
                        .put("status", bed.status().wire());
                if (!bed.open()) {
                    entry.put("open", false);
                }
            }
            ArrayNode counts = root.putArray("counts");
            for (Payload.CountState count : birth.counts()) {
                ObjectNode entry = counts.addObject().put("kind", count.kind().wire()).put("capacity", count.capacity())
                        .put("open", count.open()).put("occupied", count.occupied());
                Json.putOpt(entry, "until", count.until());
            }
            if (birth.lost() != null) {
                root.putObject("lost").put("from", birth.lost().from()).put("to", birth.lost().to());
            }
        } else if (payload instanceof Payload.CheckIn in) {
            Json.putOpt(root, "bed", in.bed());
            Json.putOpt(root, "kind", in.kind());
            root.put("token", in.token());
            Json.putOpt(root, "origin", in.origin());
            Json.putOpt(root, "hold", in.hold());
        } else if (payload instanceof Payload.CheckOut out) {
            Json.putOpt(root, "bed", out.bed());
            Json.putOpt(root, "kind", out.kind());
            root.put("token", out.token());
            Json.putOpt(root, "destination", out.destination());
            if (out.withoutPass()) {
                root.put("withoutPass", true);
            }
        } else if (payload instanceof Payload.Count count) {
            root.put("kind", count.kind().wire()).put("occupied", count.occupied());
        } else if (payload instanceof Payload.BedStatus status) {
            root.put("bed", status.bed()).put("status", status.status().wire());
        } else if (payload instanceof Payload.Capacity capacity) {
            root.put("kind", capacity.kind().wire()).put("capacity", capacity.capacity()).put("open", capacity.open());
            Json.putOpt(root, "reason", capacity.reason());
            Json.putOpt(root, "until", capacity.until());
            if (!capacity.closed().isEmpty()) {
                ArrayNode closed = root.putArray("closed");
                capacity.closed().forEach(closed::add);
            }
        } else if (payload instanceof Payload.TurnAway away) {
            root.put("reason", away.reason());
            Json.putOpt(root, "kind", away.kind());
        } else if (payload instanceof Payload.HoldAccepted accepted) {
            root.put("hold", accepted.hold().toString());
            Json.putOpt(root, "bed", accepted.bed());
            root.put("instructions", accepted.instructions());
        } else if (payload instanceof Payload.HoldRefused refused) {
            root.put("hold", refused.hold().toString()).put("reason", refused.reason());
        } else if (payload instanceof Payload.PrivacyRequest privacy) {
            root.put("right", privacy.right()).put("token", privacy.token()).put("request", privacy.request().toString());
        }
        // A heartbeat has no fields of its own: the envelope says it all.
    }
}
