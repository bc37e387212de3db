package nl.opvang.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
        // Instant.parse alone also takes a lower-case z and six-digit years, which the schema does not.
        if (!Check.TIME.matches(value)) {
            throw ProtocolException.badField(name, "is not an ISO-8601 time: " + value);
        }
        try {
            // An offset is normalised to UTC: a node on local time is still a valid node (docs/DESIGN.md §3).
            return value.endsWith("Z") ? parseUtc(value) : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw ProtocolException.badField(name, "is not an ISO-8601 time: " + value);
        }
    }

    /**
     * {@link Instant#parse} of a value that matched {@link Check#TIME}, without the formatter machinery for the usual
     * case (it was 8% of the hub's ingest thread, docs/PERFORMANCE.md). Values the fast path does not take as they
     * are (a leap second, 24:00, an impossible date) go to {@link Instant#parse}, so the result is the same.
     */
    static Instant parseUtc(String value) {
        try {
            int nanos = 0;
            int fraction = value.length() - 21; // "yyyy-MM-ddTHH:mm:ss" is 19 characters, then ".", digits and "Z"
            if (fraction > 0) {
                nanos = digits(value, 20, fraction);
                for (int i = fraction; i < 9; i++) {
                    nanos *= 10;
                }
            }
            return LocalDateTime.of(digits(value, 0, 4), digits(value, 5, 2), digits(value, 8, 2), digits(value, 11, 2),
                    digits(value, 14, 2), digits(value, 17, 2), nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return Instant.parse(value);
        }
    }

    private static int digits(String value, int from, int count) {
        int result = 0;
        for (int i = from; i < from + count; i++) {
            result = result * 10 + (value.charAt(i) - '0');
        }
        return result;
    }

    static Instant optInstant(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : instant(object, name);
    }

    /** An optional array of strings; absent or null is empty. */
    static List<String> optTexts(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ProtocolException.badField(name, "must be an array");
        }
        List<String> texts = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ProtocolException.badField(name, "must hold strings only");
            }
            texts.add(item.textValue());
        }
        return texts;
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
        if (!Check.UUID.matches(value)) {
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

    static void putOpt(ObjectNode object, String name, Instant value) {
        if (value != null) {
            object.put(name, value.toString());
        }
    }

    static void putOpt(ObjectNode object, String name, Integer value) {
        if (value != null) {
            object.put(name, value.intValue());
        }
    }

    static void putOpt(ObjectNode object, String name, UUID value) {
        if (value != null) {
            object.put(name, value.toString());
        }
    }

    /** Refuses {@code node} as bad JSON, naming {@code what}, unless it is a JSON object. */
    static void object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new ProtocolException(Reason.BAD_JSON, what + " must be a JSON object");
        }
    }

    /** A received text cut to 60 characters, for an error message. */
    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
