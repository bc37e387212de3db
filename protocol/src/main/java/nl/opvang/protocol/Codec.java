package nl.opvang.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Encodes and decodes every message of the wire contract (DESIGN §3). Decoding is strict about the fields it
 * knows and lenient about fields it does not ("add fields freely, rename none"). Thread-safe.
 */
public final class Codec {
    /** Largest payload accepted, matching Mosquitto's {@code message_size_limit} in production. */
    public static final int MAX_BYTES = 64 * 1024;

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            // Without this, "{...} garbage" or two objects in one payload would decode as the first object.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    public Codec() {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16)
                .maxStringLength(MAX_BYTES)
                .build());
    }

    // ---- node → hub: birth and events

    public NodeMessage decodeNodeMessage(byte[] payload) {
        JsonNode root = readObject(payload);
        int v = version(root);
        Envelope envelope = new Envelope(v, Json.uuid(root, "id"), Json.text(root, "site"), Json.text(root, "node"),
                Json.text(root, "session"), Json.integer(root, "seq"), Json.instant(root, "at"));
        return new NodeMessage(envelope, payload(root, Json.text(root, "type")));
    }

    /**
     * What an invalid message's {@link Payload.Invalid#fields()} keep: {@code type}, {@code at} and the fields the
     * contract names for any type. Unknown fields are dropped, as from a valid message: a receiver keeps no more of a
     * message it refuses than of one it accepts (DESIGN §5: nothing personal at the hub).
     */
    private static final List<String> CONTRACT_FIELDS = List.of("type", "at", "software", "heartbeatSeconds", "beds",
            "counts", "bed", "kind", "token", "origin", "hold", "destination", "occupied", "status", "capacity", "open",
            "reason", "instructions");

    /**
     * As {@link #decodeNodeMessage}, for the receiver of a node's stream: a message whose envelope can be read
     * ({@code v}, {@code site}, {@code node}, {@code session}, {@code seq}) but whose own fields break the contract comes
     * back with a {@link Payload.Invalid} payload, so that its {@code seq} can be refused in the ack rather than block
     * the events after it. An unreadable {@code id} becomes a UUID derived from the bytes (a resend of the same bytes
     * is then a duplicate, not a conflict), an unreadable {@code at} becomes {@code arrival}. A message without a
     * readable envelope throws the original {@link ProtocolException}.
     */
    public NodeMessage decodeNodeMessage(byte[] payload, Instant arrival) {
        try {
            return decodeNodeMessage(payload);
        } catch (ProtocolException invalid) {
            if (invalid.reason() == Reason.BAD_JSON || invalid.reason() == Reason.TOO_LARGE
                    || invalid.reason() == Reason.UNKNOWN_VERSION) {
                throw invalid;
            }
            JsonNode root = readObject(payload);
            Envelope envelope;
            try {
                envelope = new Envelope(version(root), readable(() -> Json.uuid(root, "id"), UUID.nameUUIDFromBytes(payload)),
                        Json.text(root, "site"), Json.text(root, "node"), Json.text(root, "session"),
                        Json.integer(root, "seq"), readable(() -> Json.instant(root, "at"), arrival));
            } catch (ProtocolException unreadable) {
                throw invalid;
            }
            ObjectNode fields = ((ObjectNode) root).deepCopy();
            fields.retain(CONTRACT_FIELDS);
            boolean birth = root.path("type").isTextual() && root.path("type").textValue().equals("birth");
            return new NodeMessage(envelope, new Payload.Invalid(invalid.reason(), invalid.getMessage(), text(fields), birth));
        }
    }

    private static <T> T readable(java.util.function.Supplier<T> read, T otherwise) {
        try {
            return read.get();
        } catch (ProtocolException e) {
            return otherwise;
        }
    }

    private String text(ObjectNode root) {
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON tree", e);
        }
    }

    private static Payload payload(JsonNode root, String type) {
        return switch (type) {
            case "birth" -> new Payload.Birth(Json.text(root, "software"), Json.smallInt(root, "heartbeatSeconds"),
                    beds(Json.array(root, "beds")), counts(root.has("counts") ? Json.array(root, "counts") : null),
                    lost(root));
            case "check_in" -> new Payload.CheckIn(Json.optText(root, "bed"), Json.optKind(root, "kind"),
                    Json.text(root, "token"), Json.optText(root, "origin"), Json.optUuid(root, "hold"));
            case "check_out" -> new Payload.CheckOut(Json.optText(root, "bed"), Json.optKind(root, "kind"),
                    Json.text(root, "token"), Json.optText(root, "destination"));
            case "count" -> new Payload.Count(Json.kind(root, "kind"), Json.smallInt(root, "occupied"));
            case "bed_status" -> new Payload.BedStatus(Json.text(root, "bed"),
                    PlaceStatus.fromWire("status", Json.text(root, "status")));
            case "capacity" -> new Payload.Capacity(Json.kind(root, "kind"), Json.smallInt(root, "capacity"),
                    Json.bool(root, "open"), Json.optText(root, "reason"));
            case "turn_away" -> new Payload.TurnAway(Json.text(root, "reason"), Json.optKind(root, "kind"));
            case "hold_accepted" -> new Payload.HoldAccepted(Json.uuid(root, "hold"), Json.optText(root, "bed"),
                    Json.text(root, "instructions"));
            case "hold_refused" -> new Payload.HoldRefused(Json.uuid(root, "hold"), Json.text(root, "reason"));
            case "heartbeat" -> new Payload.Heartbeat();
            default -> throw new ProtocolException(Reason.UNKNOWN_TYPE, "unknown type: " + abbreviate(type));
        };
    }

    /** A birth's optional {@code lost} range (DESIGN §11); absent or null in every ordinary birth. */
    private static Payload.Lost lost(JsonNode root) {
        JsonNode lost = root.get("lost");
        if (lost == null || lost.isNull()) {
            return null;
        }
        requireObject(lost, "lost");
        return new Payload.Lost(Json.integer(lost, "from"), Json.integer(lost, "to"));
    }

    private static List<Payload.BedState> beds(JsonNode array) {
        List<Payload.BedState> beds = new ArrayList<>(array.size());
        for (JsonNode bed : array) {
            requireObject(bed, "beds");
            beds.add(new Payload.BedState(Json.text(bed, "bed"), Json.kind(bed, "kind"),
                    PlaceStatus.fromWire("status", Json.text(bed, "status"))));
        }
        return beds;
    }

    private static List<Payload.CountState> counts(JsonNode array) {
        if (array == null) {
            return List.of();
        }
        List<Payload.CountState> counts = new ArrayList<>(array.size());
        for (JsonNode count : array) {
            requireObject(count, "counts");
            counts.add(new Payload.CountState(Json.kind(count, "kind"), Json.smallInt(count, "capacity"),
                    Json.optBool(count, "open", true), Json.smallInt(count, "occupied")));
        }
        return counts;
    }

    public byte[] encode(NodeMessage message) {
        if (message.payload() instanceof Payload.Invalid) {
            throw new IllegalArgumentException("an invalid message is only received, never sent");
        }
        Envelope env = message.envelope();
        ObjectNode root = mapper.createObjectNode();
        root.put("v", env.v());
        root.put("id", env.id().toString());
        root.put("site", env.site());
        root.put("node", env.node());
        root.put("session", env.session());
        root.put("seq", env.seq());
        root.put("at", env.at().toString());
        root.put("type", message.type());
        writePayload(root, message.payload());
        return bytes(root);
    }

    /**
     * The payload's own fields as a JSON object, without the envelope and the type, leaving out {@code omitted}
     * (e.g. a token kept elsewhere): the same text as encoding the whole message and removing those fields, without
     * writing and re-reading the envelope.
     */
    public String encodeFields(Payload payload, Collection<String> omitted) {
        ObjectNode root;
        if (payload instanceof Payload.Invalid invalid) {
            root = (ObjectNode) readObject(invalid.fields().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            root = mapper.createObjectNode();
            writePayload(root, payload);
        }
        root.remove(omitted);
        return text(root);
    }

    private static void writePayload(ObjectNode root, Payload payload) {
        if (payload instanceof Payload.Birth birth) {
            root.put("software", birth.software());
            root.put("heartbeatSeconds", birth.heartbeatSeconds());
            ArrayNode beds = root.putArray("beds");
            for (Payload.BedState bed : birth.beds()) {
                beds.addObject().put("bed", bed.bed()).put("kind", bed.kind().wire()).put("status", bed.status().wire());
            }
            ArrayNode counts = root.putArray("counts");
            for (Payload.CountState count : birth.counts()) {
                counts.addObject().put("kind", count.kind().wire()).put("capacity", count.capacity())
                        .put("open", count.open()).put("occupied", count.occupied());
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
        } else if (payload instanceof Payload.Count count) {
            root.put("kind", count.kind().wire()).put("occupied", count.occupied());
        } else if (payload instanceof Payload.BedStatus status) {
            root.put("bed", status.bed()).put("status", status.status().wire());
        } else if (payload instanceof Payload.Capacity capacity) {
            root.put("kind", capacity.kind().wire()).put("capacity", capacity.capacity()).put("open", capacity.open());
            Json.putOpt(root, "reason", capacity.reason());
        } else if (payload instanceof Payload.TurnAway away) {
            root.put("reason", away.reason());
            Json.putOpt(root, "kind", away.kind());
        } else if (payload instanceof Payload.HoldAccepted accepted) {
            root.put("hold", accepted.hold().toString());
            Json.putOpt(root, "bed", accepted.bed());
            root.put("instructions", accepted.instructions());
        } else if (payload instanceof Payload.HoldRefused refused) {
            root.put("hold", refused.hold().toString()).put("reason", refused.reason());
        }
        // A heartbeat has no fields of its own: the envelope says it all.
    }

    // ---- status

    public NodeStatus decodeNodeStatus(byte[] payload) {
        JsonNode root = readObject(payload);
        return new NodeStatus(version(root), state(root), Json.text(root, "session"), Json.integer(root, "connection"));
    }

    public byte[] encode(NodeStatus status) {
        ObjectNode root = mapper.createObjectNode();
        root.put("v", status.v());
        root.put("state", status.online() ? "online" : "offline");
        root.put("session", status.session());
        root.put("connection", status.connection());
        return bytes(root);
    }

    public HubStatus decodeHubStatus(byte[] payload) {
        JsonNode root = readObject(payload);
        return new HubStatus(version(root), state(root), Json.instant(root, "started"));
    }

    public byte[] encode(HubStatus status) {
        ObjectNode root = mapper.createObjectNode();
        root.put("v", status.v());
        root.put("state", status.online() ? "online" : "offline");
        root.put("started", status.started().toString());
        return bytes(root);
    }

    public HubCounts decodeHubCounts(byte[] payload) {
        JsonNode root = readObject(payload);
        int v = version(root);
        List<HubCounts.LocationCount> locations = new ArrayList<>();
        for (JsonNode location : Json.array(root, "locations")) {
            requireObject(location, "locations");
            JsonNode free = Json.field(location, "free");
            requireObject(free, "free");
            Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
            for (Map.Entry<String, JsonNode> entry : free.properties()) {
                counts.put(Kind.fromWire("free", entry.getKey()), Json.smallInt(free, entry.getKey()));
            }
            locations.add(new HubCounts.LocationCount(Json.text(location, "code"), Json.text(location, "name"),
                    Json.optText(location, "phone"), counts));
        }
        return new HubCounts(v, Json.instant(root, "at"), locations);
    }

    public byte[] encode(HubCounts counts) {
        ObjectNode root = mapper.createObjectNode();
        root.put("v", counts.v());
        root.put("at", counts.at().toString());
        ArrayNode locations = root.putArray("locations");
        for (HubCounts.LocationCount location : counts.locations()) {
            ObjectNode entry = locations.addObject().put("code", location.code()).put("name", location.name());
            Json.putOpt(entry, "phone", location.phone());
            ObjectNode free = entry.putObject("free");
            for (Kind kind : Kind.values()) {
                Integer number = location.free().get(kind);
                if (number != null) {
                    free.put(kind.wire(), number);
                }
            }
        }
        return bytes(root);
    }

    private static boolean state(JsonNode root) {
        String state = Json.text(root, "state");
        return switch (state) {
            case "online" -> true;
            case "offline" -> false;
            default -> throw ProtocolException.badField("state", "must be online or offline");
        };
    }

    // ---- hub → node: ack and cmd

    public Ack decodeAck(byte[] payload) {
        JsonNode root = readObject(payload);
        int v = version(root);
        List<Ack.Rejection> rejected = new ArrayList<>();
        if (root.has("rejected")) {
            for (JsonNode rejection : Json.array(root, "rejected")) {
                requireObject(rejection, "rejected");
                rejected.add(new Ack.Rejection(Json.integer(rejection, "seq"), Json.optUuid(rejection, "id"),
                        Json.text(rejection, "reason")));
            }
        }
        return new Ack(v, Json.text(root, "session"), Json.integer(root, "seq"), rejected);
    }

    public byte[] encode(Ack ack) {
        ObjectNode root = mapper.createObjectNode();
        root.put("v", ack.v());
        root.put("session", ack.session());
        root.put("seq", ack.seq());
        ArrayNode rejected = root.putArray("rejected");
        for (Ack.Rejection rejection : ack.rejected()) {
            ObjectNode entry = rejected.addObject().put("seq", rejection.seq());
            Json.putOpt(entry, "id", rejection.id());
            entry.put("reason", rejection.reason());
        }
        return bytes(root);
    }

    public Command decodeCommand(byte[] payload) {
        JsonNode root = readObject(payload);
        int v = version(root);
        String type = Json.text(root, "type");
        Command.Body body = switch (type) {
            case "resend" -> new Command.Resend(Json.text(root, "session"), Json.integer(root, "fromSeq"));
            case "rebirth" -> new Command.Rebirth();
            case "hold" -> new Command.Hold(Json.uuid(root, "hold"), Json.kind(root, "kind"), Json.optText(root, "bed"),
                    Json.instant(root, "expiresAt"), Json.text(root, "from"));
            case "release_hold" -> new Command.ReleaseHold(Json.uuid(root, "hold"));
            case "open_nood" -> new Command.OpenNood(Json.instant(root, "until"));
            case "close_nood" -> new Command.CloseNood();
            case "config" -> new Command.Config(Json.smallInt(root, "heartbeatSeconds"));
            case "message" -> new Command.Message(Json.text(root, "text"));
            default -> throw new ProtocolException(Reason.UNKNOWN_TYPE, "unknown command type: " + abbreviate(type));
        };
        return new Command(v, Json.uuid(root, "id"), body);
    }

    public byte[] encode(Command command) {
        ObjectNode root = mapper.createObjectNode();
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
        } else if (body instanceof Command.ReleaseHold release) {
            root.put("hold", release.hold().toString());
        } else if (body instanceof Command.OpenNood open) {
            root.put("until", open.until().toString());
        } else if (body instanceof Command.Config config) {
            root.put("heartbeatSeconds", config.heartbeatSeconds());
        } else if (body instanceof Command.Message message) {
            root.put("text", message.text());
        }
        // rebirth and close_nood have no fields of their own.
        return bytes(root);
    }

    // ---- shared

    private JsonNode readObject(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new ProtocolException(Reason.BAD_JSON, "empty payload");
        }
        if (payload.length > MAX_BYTES) {
            throw new ProtocolException(Reason.TOO_LARGE, "payload of " + payload.length + " bytes exceeds " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (IOException e) {
            throw new ProtocolException(Reason.BAD_JSON, "not valid JSON: " + firstLine(e));
        }
        requireObject(root, "message");
        return root;
    }

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new ProtocolException(Reason.BAD_JSON, what + " must be a JSON object");
        }
    }

    private static int version(JsonNode root) {
        JsonNode v = root.get("v");
        if (v == null || !v.isIntegralNumber()) {
            throw new ProtocolException(Reason.UNKNOWN_VERSION, "missing or non-integer version 'v'");
        }
        // canConvertToLong: a huge number such as 2^64 + 1 would otherwise wrap around to 1.
        if (!v.canConvertToLong() || v.longValue() != Envelope.VERSION) {
            throw new ProtocolException(Reason.UNKNOWN_VERSION, "unknown version v=" + v.asText());
        }
        return Envelope.VERSION;
    }

    private byte[] bytes(ObjectNode root) {
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON tree", e);
        }
    }

    private static String firstLine(IOException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return abbreviate(newline < 0 ? message : message.substring(0, newline));
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    /** The current time truncated to milliseconds, as the contract's {@code at} fields carry it. */
    public static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
