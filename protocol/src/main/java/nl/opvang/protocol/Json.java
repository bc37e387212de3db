package nl.opvang.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Strict readers for fields of a JSON object; each failure names the field. Package-private helper of {@link Codec}. */
final class Json {
    private Json() {
    }

    static JsonNode field(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw ProtocolException.missing(name);
        }
        return value;
    }

    static String text(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (!value.isTextual()) {
            throw ProtocolException.badField(name, "must be a string");
        }
        return value.textValue();
    }

    static String optText(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : text(object, name);
    }

    static long integer(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ProtocolException.badField(name, "must be an integer");
        }
        return value.longValue();
    }

    static int smallInt(JsonNode object, String name) {
        long value = integer(object, name);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw ProtocolException.badField(name, "is out of range");
        }
        return (int) value;
    }

    static boolean bool(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (!value.isBoolean()) {
            throw ProtocolException.badField(name, "must be true or false");
        }
        return value.booleanValue();
    }

    static boolean optBool(JsonNode object, String name, boolean fallback) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? fallback : bool(object, name);
    }

    static Instant instant(JsonNode object, String name) {
        String value = text(object, name);
        // Instant.parse alone also takes offsets, a lower-case z and six-digit years, which the schema does not.
        if (!Check.TIME.matcher(value).matches()) {
            throw ProtocolException.badField(name, "is not an ISO-8601 UTC time: " + value);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProtocolException.badField(name, "is not an ISO-8601 UTC time: " + value);
        }
    }

    static UUID uuid(JsonNode object, String name) {
        String value = text(object, name);
        return parseUuid(name, value);
    }

    static UUID optUuid(JsonNode object, String name) {
        String value = optText(object, name);
        return value == null ? null : parseUuid(name, value);
    }

    private static UUID parseUuid(String name, String value) {
        if (!Check.UUID.matcher(value).matches()) {
            throw ProtocolException.badField(name, "is not a UUID");
        }
        return UUID.fromString(value);
    }

    static Kind kind(JsonNode object, String name) {
        return Kind.fromWire(name, text(object, name));
    }

    static Kind optKind(JsonNode object, String name) {
        String value = optText(object, name);
        return value == null ? null : Kind.fromWire(name, value);
    }

    static JsonNode array(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (!value.isArray()) {
            throw ProtocolException.badField(name, "must be an array");
        }
        return value;
    }

    static void putOpt(ObjectNode object, String name, String value) {
        if (value != null) {
            object.put(name, value);
        }
    }

    static void putOpt(ObjectNode object, String name, Kind value) {
        if (value != null) {
            object.put(name, value.wire());
        }
    }

    static void putOpt(ObjectNode object, String name, UUID value) {
        if (value != null) {
            object.put(name, value.toString());
        }
    }
}
