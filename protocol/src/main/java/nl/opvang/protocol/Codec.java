package nl.opvang.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Encodes and decodes every message of the wire contract (docs/DESIGN.md §3). Decoding is strict about the fields it
 * knows and lenient about fields it does not ("add fields freely, rename none"). Thread-safe.
 *
 * <p>This class turns bytes into JSON trees and back (size limit, strict parsing, version), reads and writes the
 * envelope and the status messages, and keeps what an invalid node message still says. The fields of each payload
 * type are read and written by {@link PayloadJson} (node → hub) and {@link HubJson} (hub → node), static and
 * package-private, so the ingest path makes the same calls and allocations as before they were split off.
 */
public final class Codec {
    /** Largest payload accepted, matching Mosquitto's {@code message_size_limit} in production. */
    public static final int MAX_BYTES = 64 * 1024;

    /**
     * The wire's one mapper in a process, shared by every codec: strict (a duplicate key, trailing tokens, NaN refused)
     * and bounded (nesting, string length). It belongs to the contract, so it is separate from a process's own mapper
     * for HTTP and configuration; it is configured here once and never changed after.
     */
    private static final ObjectMapper WIRE = wireMapper();

    private final ObjectMapper mapper = WIRE;

    private static ObjectMapper wireMapper() {
        ObjectMapper wire = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // Without this, "{...} garbage" or two objects in one payload would decode as the first object.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        wire.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16)
                .maxStringLength(MAX_BYTES)
                .build());
        return wire;
    }

    // ---- node → hub: birth and events

    public NodeMessage decodeNodeMessage(byte[] payload) {
        JsonNode root = readObject(payload);
        int v = version(root);
        Envelope envelope = new Envelope(v, Json.uuid(root, "id"), Json.text(root, "site"), Json.text(root, "node"),
                Json.text(root, "session"), Json.integer(root, "seq"), Json.instant(root, "at"));
        return new NodeMessage(envelope, PayloadJson.read(root, Json.text(root, "type")));
    }

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
            fields.retain(PayloadJson.CONTRACT_FIELDS);
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
        PayloadJson.write(root, message.payload());
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
            PayloadJson.write(root, payload);
        }
        root.remove(omitted);
        return text(root);
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
        return HubJson.counts(version(root), root);
    }

    public byte[] encode(HubCounts counts) {
        ObjectNode root = mapper.createObjectNode();
        HubJson.write(root, counts);
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
        return HubJson.ack(version(root), root);
    }

    public byte[] encode(Ack ack) {
        ObjectNode root = mapper.createObjectNode();
        HubJson.write(root, ack);
        return bytes(root);
    }

    public Command decodeCommand(byte[] payload) {
        JsonNode root = readObject(payload);
        return HubJson.command(version(root), root);
    }

    public byte[] encode(Command command) {
        ObjectNode root = mapper.createObjectNode();
        HubJson.write(root, command);
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
        Json.object(root, "message");
        return root;
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
        return Json.abbreviate(newline < 0 ? message : message.substring(0, newline));
    }

    /** The current time truncated to milliseconds, as the contract's {@code at} fields carry it. */
    public static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
