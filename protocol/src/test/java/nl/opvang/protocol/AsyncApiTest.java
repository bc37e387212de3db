package nl.opvang.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks asyncapi.yaml against the code: topics, QoS and retain, schema files, message types and examples. */
class AsyncApiTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final String SCHEMA_DIR = "src/main/resources/nl/opvang/protocol/schema/";
    private static final Map<String, Channel> NODE_CHANNELS = Map.of(
            "birth", Channel.BIRTH, "event", Channel.EVENT, "nodeStatus", Channel.STATUS, "ack", Channel.ACK, "cmd", Channel.CMD);

    private final Codec codec = new Codec();
    private final ContractSchemas schemas = new ContractSchemas();
    private final ObjectMapper json = new ObjectMapper();
    private JsonNode doc;

    @BeforeEach
    void read_the_document() throws IOException {
        doc = new YAMLMapper().readTree(MODULE.resolve("asyncapi.yaml").toFile());
    }

    @Test
    void it_is_an_asyncapi_3_document() {
        assertEquals("3.0.0", doc.path("asyncapi").asText());
        assertEquals(Set.of("birth", "event", "nodeStatus", "ack", "cmd", "hubStatus", "hubCounts"), fieldNames(doc.path("channels")));
    }

    @Test
    void every_channel_address_is_the_topic_the_code_builds() {
        NODE_CHANNELS.forEach((name, channel) -> {
            assertEquals(Topics.PREFIX + "/{site}/{node}/" + channel.level(), doc.path("channels").path(name).path("address").asText());
            assertEquals(Set.of("site", "node"), fieldNames(doc.path("channels").path(name).path("parameters")), name);
        });
        assertEquals(Topics.HUB_STATUS, doc.path("channels").path("hubStatus").path("address").asText());
        assertEquals(Topics.HUB_COUNTS, doc.path("channels").path("hubCounts").path("address").asText());
    }

    @Test
    void every_operation_has_the_qos_and_retain_flag_of_its_channel() {
        Set<String> covered = new LinkedHashSet<>();
        for (JsonNode operation : doc.path("operations")) {
            String channelName = ref(operation.path("channel"), "#/channels/");
            JsonNode mqtt = operation.path("bindings").path("mqtt");
            Channel channel = NODE_CHANNELS.get(channelName);
            boolean retained = channel == null ? true : channel.retained();
            assertEquals(Topics.QOS, mqtt.path("qos").asInt(), channelName);
            assertEquals(retained, mqtt.path("retain").asBoolean(), channelName);
            String action = channel == null || !channel.fromNode() ? "receive" : "send";
            assertEquals(action, operation.path("action").asText(), channelName);
            covered.add(channelName);
        }
        assertEquals(fieldNames(doc.path("channels")), covered);
    }

    @Test
    void every_message_schema_reference_points_to_an_existing_schema_file() {
        for (JsonNode channel : doc.path("channels")) {
            for (JsonNode reference : channel.path("messages")) {
                JsonNode message = message(reference);
                String file = message.path("payload").path("schema").path("$ref").asText();
                assertTrue(file.startsWith(SCHEMA_DIR), file);
                assertTrue(Files.isRegularFile(MODULE.resolve(file)), file);
                assertTrue(ContractSchemas.ALL.contains(file.substring(SCHEMA_DIR.length())), file);
            }
        }
    }

    @Test
    void every_message_type_of_the_codec_appears_on_its_channel() {
        Set<String> events = new LinkedHashSet<>();
        for (Payload payload : Samples.payloads()) {
            if (!(payload instanceof Payload.Birth)) {
                events.add(payload.type());
            }
        }
        Set<String> commands = new LinkedHashSet<>();
        for (Command command : Samples.commands()) {
            commands.add(command.type());
        }
        assertEquals(Set.of("birth"), messageNames("birth"));
        assertEquals(events, messageNames("event"));
        assertEquals(commands, messageNames("cmd"));
        assertEquals(Set.of("node_status"), messageNames("nodeStatus"));
        assertEquals(Set.of("ack"), messageNames("ack"));
        assertEquals(Set.of("hub_status"), messageNames("hubStatus"));
        assertEquals(Set.of("hub_counts"), messageNames("hubCounts"));
    }

    @Test
    void every_example_decodes_validates_and_is_what_the_codec_encodes() throws IOException {
        Map<String, Function<byte[], byte[]>> roundTrips = Map.of(
                ContractSchemas.NODE_MESSAGE, bytes -> codec.encode(codec.decodeNodeMessage(bytes)),
                ContractSchemas.COMMAND, bytes -> codec.encode(codec.decodeCommand(bytes)),
                ContractSchemas.ACK, bytes -> codec.encode(codec.decodeAck(bytes)),
                ContractSchemas.NODE_STATUS, bytes -> codec.encode(codec.decodeNodeStatus(bytes)),
                ContractSchemas.HUB_STATUS, bytes -> codec.encode(codec.decodeHubStatus(bytes)),
                ContractSchemas.HUB_COUNTS, bytes -> codec.encode(codec.decodeHubCounts(bytes)));
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : doc.path("components").path("messages").properties()) {
            JsonNode message = entry.getValue();
            String file = message.path("payload").path("schema").path("$ref").asText().substring(SCHEMA_DIR.length());
            assertTrue(message.path("examples").size() > 0, entry.getKey() + " has no example");
            for (JsonNode example : message.path("examples")) {
                JsonNode payload = example.path("payload");
                assertEquals(List.of(), schemas.errors(file, payload), entry.getKey());
                byte[] encoded = roundTrips.get(file).apply(json.writeValueAsBytes(payload));
                assertEquals(payload, json.readTree(encoded), entry.getKey());
                if (payload.has("type")) {
                    assertEquals(entry.getKey(), payload.path("type").asText());
                }
                checked.add(entry.getKey());
            }
        }
        assertTrue(checked.size() >= 20, "examples checked: " + checked);
    }

    private Set<String> messageNames(String channel) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode reference : doc.path("channels").path(channel).path("messages")) {
            names.add(message(reference).path("name").asText());
        }
        return names;
    }

    private JsonNode message(JsonNode reference) {
        String name = ref(reference, "#/components/messages/");
        JsonNode message = doc.path("components").path("messages").path(name);
        assertTrue(message.isObject(), "no message " + name);
        return message;
    }

    private static String ref(JsonNode reference, String prefix) {
        String target = reference.path("$ref").asText();
        assertTrue(target.startsWith(prefix), target);
        return target.substring(prefix.length());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
