package nl.opvang.hub.location;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import nl.opvang.hub.json.Json;

/**
 * Checks a region file against {@code region.schema.json}, shipped in the hub jar beside the seed region (docs/DESIGN.md
 * §7), and says what is wrong in Dutch, naming the line and the field: {@code regel 42: capacity moet een getal ≥ 0 zijn}.
 * The line comes from where the YAML parser saw each JSON pointer of the file.
 */
final class RegionSchema {
    /** The schema's place in the hub jar, for the documentation and for editors that validate YAML. */
    static final String RESOURCE = "/nl/opvang/hub/region.schema.json";
    private static final Schema SCHEMA = load();
    /** A number or yes/no where text belongs: YAML read it as a number or a boolean. */
    private static final String QUOTE_HINT = " (zet de waarde tussen aanhalingstekens)";

    private RegionSchema() {
    }

    /**
     * The first problem in file order, or empty when the file matches the schema. A missing field comes after the
     * others: it is often the misspelt one that is reported as unknown a line further.
     */
    static Optional<RegionFileException> firstProblem(String source, JsonNode tree, Lines lines) {
        return SCHEMA.validate(tree).stream()
                .map(error -> new Problem(error.getKeyword().equals("required"), lines.of(pointer(error)), message(error)))
                .min(Comparator.comparing(Problem::missing).thenComparingInt(Problem::line))
                .map(problem -> new RegionFileException(source, problem.line(), problem.text()));
    }

    private record Problem(boolean missing, int line, String text) {
    }

    private static String pointer(Error error) {
        String at = pointer(error.getInstanceLocation());
        // A missing field is found at its object; an unknown field at its own line.
        return error.getKeyword().equals("additionalProperties") && error.getProperty() != null
                ? at + "/" + error.getProperty() : at;
    }

    static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(path.getElement(i));
        }
        return pointer.toString();
    }

    private static String message(Error error) {
        NodePath at = error.getInstanceLocation();
        String field = field(at);
        Object[] arguments = error.getArguments() == null ? new Object[0] : error.getArguments();
        String found = arguments.length > 0 ? String.valueOf(arguments[0]) : "";
        String expected = arguments.length > 1 ? String.valueOf(arguments[1]) : "";
        return switch (error.getKeyword()) {
            case "required" -> "het veld '" + error.getProperty() + "' ontbreekt" + (field.isEmpty() ? "" : " in " + field);
            case "additionalProperties" -> "onbekend veld '" + error.getProperty() + "'" + (field.isEmpty() ? "" : " in " + field);
            case "type" -> field + " moet " + type(expected) + " zijn"
                    + (expected.equals("string") && found.matches("integer|number|boolean") ? QUOTE_HINT : "");
            case "minimum" -> field + " moet een getal ≥ " + arguments[0] + " zijn";
            case "maximum" -> field + " moet een getal ≤ " + arguments[0] + " zijn";
            case "enum" -> field + " '" + error.getInstanceNode().asText() + "' is onbekend; kies uit " + choices(found);
            case "minItems" -> field + " mag niet leeg zijn";
            // Only 'regions' has a maximum: one hub serves one region until issue 18.
            case "maxItems" -> field + " mag hoogstens " + arguments[0] + " regio bevatten: een centrale dient één regio";
            case "minLength" -> field + " mag niet leeg zijn";
            case "maxLength" -> field + " is langer dan " + arguments[0] + " tekens";
            case "uniqueItems" -> field + " noemt een waarde twee keer";
            case "pattern" -> pattern(field, error.getInstanceNode().asText());
            default -> field + ": " + error.getMessage();
        };
    }

    /** The values an enum allows, as the validator lists them ("[mo, vo, bw]"), without the brackets and quotes. */
    private static String choices(String allowed) {
        return allowed.replaceAll("[\\[\\]\"]", "");
    }

    private static String pattern(String field, String value) {
        if (field.startsWith("codes")) {
            return "bed '" + value + "' moet letters, cijfers, '.', '_' of '-' zijn (hoogstens 16), of een reeks als A01-A23";
        }
        return field + " '" + value + "' moet kleine letters, cijfers en '-' zijn (hoogstens 32)";
    }

    private static String type(String expected) {
        return switch (expected) {
            case "integer" -> "een geheel getal";
            case "number" -> "een getal";
            case "string" -> "tekst";
            case "array" -> "een lijst";
            case "boolean" -> "true of false";
            case "object" -> "een object (veld: waarde)";
            default -> expected;
        };
    }

    /** The name of the field at {@code path}: {@code capacity}, or {@code codes[2]} for an item of a list. */
    private static String field(NodePath path) {
        int count = path.getNameCount();
        if (count == 0) {
            return "";
        }
        Object last = path.getElement(count - 1);
        if (last instanceof Integer index && count > 1) {
            return path.getElement(count - 2) + "[" + index + "]";
        }
        return String.valueOf(last);
    }

    private static Schema load() {
        try (InputStream in = RegionSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not in the hub jar");
            }
            JsonNode schema = Json.mapper().readTree(in);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line of every JSON pointer in a YAML text, as its parser saw it (1-based). */
    static final class Lines {
        private final Map<String, Integer> lines = new HashMap<>();

        Lines(String yaml) throws IOException {
            try (JsonParser parser = Json.yaml().getFactory().createParser(yaml)) {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentTokenLocation().getLineNr());
                }
            }
        }

        /** The line of {@code pointer}, or of the nearest object or list that holds it. */
        int of(String pointer) {
            for (String at = pointer; ; at = at.substring(0, at.lastIndexOf('/'))) {
                Integer line = lines.get(at);
                if (line != null || at.isEmpty()) {
                    return line == null ? 1 : line;
                }
            }
        }
    }
}
