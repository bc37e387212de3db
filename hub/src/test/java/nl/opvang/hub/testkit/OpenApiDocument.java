package nl.opvang.hub.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The hand-written OpenAPI document (docs/DESIGN.md §6) as the API document tests check answers against it: the cases a
 * feature's test owns ({@code x-tested-by}), and a check that an answer has the documented status, media type and
 * JSON schema (JSON Schema 2020-12, the document's components going along so that {@code $ref}s resolve).
 */
public final class OpenApiDocument {
    private final JsonNode document;
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** One documented answer: {@code key} is "method path status" ("get /api/v1/region 200"). */
    public record Case(String key, JsonNode response) {
    }

    public OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    public JsonNode json() {
        return document;
    }

    /** Every documented answer of the paths marked {@code x-tested-by} {@code test}, for {@code methods}, in order. */
    public List<Case> cases(Class<?> test, List<String> methods) {
        List<Case> cases = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            // Other features' paths name their own test.
            if (!path.getValue().path("x-tested-by").asText().equals(test.getName())) {
                continue;
            }
            for (String method : methods) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> statuses = operation.get("responses").fields(); statuses.hasNext(); ) {
                    Map.Entry<String, JsonNode> status = statuses.next();
                    cases.add(new Case(method + " " + path.getKey() + " " + status.getKey(), response(status.getValue())));
                }
            }
        }
        return cases;
    }

    /** A documented response, or the shared one of {@code components/responses} it refers to. */
    public JsonNode response(JsonNode documented) {
        return documented.has("$ref") ? document.at(documented.get("$ref").asText().substring(1)) : documented;
    }

    /**
     * Calls {@code request} (which must exist) for the case {@code key} and checks the answer: the status {@code key}
     * ends with, a media type {@code documented} names, and a JSON body that matches that media type's schema.
     */
    public void check(String key, Supplier<HttpResponse<String>> request, JsonNode documented) {
        assertNotNull(request, "no request for " + key);
        documented = response(documented);
        HttpResponse<String> response = request.get();
        assertEquals(Integer.parseInt(key.substring(key.lastIndexOf(' ') + 1)), response.statusCode(), key + ": " + response.body());
        String mediaType = response.headers().firstValue("Content-Type").orElseThrow().split(";")[0].strip();
        JsonNode content = documented.get("content").get(mediaType);
        assertNotNull(content, key + " answered " + mediaType);
        validate(content.get("schema"), ApiClient.parse(response), key);
    }

    /** Validates {@code answer} against a schema of the document; its {@code $ref}s resolve: the components go along. */
    public void validate(JsonNode schema, JsonNode answer, String what) {
        ObjectNode rooted = schema.deepCopy();
        rooted.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        rooted.set("components", document.get("components"));
        Schema compiled = schemas.getSchema(rooted);
        List<Error> errors = compiled.validate(answer);
        assertTrue(errors.isEmpty(), what + " does not match the document: " + errors + "\n" + answer);
    }
}
