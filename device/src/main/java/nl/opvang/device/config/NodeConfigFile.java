package nl.opvang.device.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.Map;
import nl.opvang.device.json.Json;

/**
 * A node's JSON config file as Jackson binds it (the format of docs/DESIGN.md §2, unchanged): types are checked by the
 * binding, unknown top-level fields refused; {@link NodeConfigLoader} checks ranges and patterns and builds the
 * {@link NodeConfig}. Fields a file leaves out are {@code null}.
 */
record NodeConfigFile(String site, String node, String brokerUrl, String username, String password, String dataDir,
                      Integer heartbeatSeconds, List<Bed> beds, List<Count> counts, String tokenKeyId, String tokenKey,
                      String profile, String staffPin, Integer kioskPort, Integer kioskIdleMinutes, Reader reader,
                      String brokerCa, String address, Integer journalDays, String name) {
    static final String NOT_TEXT = "must be a non-empty text";
    /** What a field of the wrong type is told; every other field is a text. {@code []} stands for any list index. */
    private static final Map<String, String> TYPE_PROBLEMS = Map.of(
            "heartbeatSeconds", "must be a whole number of seconds between 1 and 3600",
            "kioskPort", "must be a whole number between 0 and 65535",
            "kioskIdleMinutes", "must be a whole number between 1 and 120",
            "journalDays", "must be a whole number between 1 and 3650",
            "beds", "must be a list", "counts", "must be a list",
            "counts[].capacity", "must be a whole number between 0 and 10000",
            "counts[].open", "must be true or false",
            "reader", "must be an object like {\"type\":\"keyboard_evdev\",\"device\":\"/dev/input/…\"}",
            "staffPin", "must be 4 to 12 digits, written as text");

    private static final ObjectReader READER = Json.mapper().readerFor(NodeConfigFile.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file bound to its record; a syntax error names its line, a wrong type or an unknown field names the field. */
    static NodeConfigFile read(String text) {
        NodeConfigFile root;
        try {
            root = READER.readValue(text);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigProblem(e.getPropertyName(), "is not a known field");
        } catch (JsonMappingException e) {
            String field = path(e.getPath());
            if (field.isEmpty()) {
                throw new ConfigProblem("file", "must hold one JSON object");
            }
            throw new ConfigProblem(field, TYPE_PROBLEMS.getOrDefault(field.replaceAll("\\[[0-9]+]", "[]"), NOT_TEXT));
        } catch (JsonProcessingException e) {
            throw new ConfigProblem("file", "is not valid JSON at line " + (e.getLocation() == null ? 1 : e.getLocation().getLineNr()));
        }
        if (root == null) {
            throw new ConfigProblem("file", "must hold one JSON object");
        }
        return root;
    }

    /** {@code beds[1].kind} for Jackson's path of a field. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    NodeConfigFile {
        beds = beds == null ? List.of() : beds;
        counts = counts == null ? List.of() : counts;
    }

    /** {@code {"bed": "A1", "kind": "regular"}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Bed(String bed, String kind) {
    }

    /** {@code {"kind": "nood", "capacity": 4, "open": false}}; open when not said. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Count(String kind, Integer capacity, Boolean open) {
    }

    /** {@code {"type": "keyboard_evdev", "device": "/dev/input/…"}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reader(String type, String device) {
    }
}
