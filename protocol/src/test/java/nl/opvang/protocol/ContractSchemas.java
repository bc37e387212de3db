package nl.opvang.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The contract's JSON Schemas as shipped in the jar, loaded by their $id, with a draft 2020-12 validator. */
final class ContractSchemas {
    static final String ID_PREFIX = "https://opvang.example/schema/v1/";
    static final String NODE_MESSAGE = "node-message.schema.json";
    static final String NODE_STATUS = "node-status.schema.json";
    static final String HUB_STATUS = "hub-status.schema.json";
    static final String ACK = "ack.schema.json";
    static final String COMMAND = "command.schema.json";
    static final String HUB_COUNTS = "hub-counts.schema.json";
    static final List<String> ALL = List.of(NODE_MESSAGE, NODE_STATUS, HUB_STATUS, ACK, COMMAND, HUB_COUNTS);

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(ID_PREFIX, "classpath:nl/opvang/protocol/schema/")));
    private final Map<String, Schema> schemas = new HashMap<>();
    private final ObjectMapper mapper = new ObjectMapper();

    List<Error> errors(String file, byte[] json) {
        try {
            return errors(file, mapper.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Error> errors(String file, JsonNode json) {
        return schemas.computeIfAbsent(file, name -> registry.getSchema(SchemaLocation.of(ID_PREFIX + name))).validate(json);
    }
}
