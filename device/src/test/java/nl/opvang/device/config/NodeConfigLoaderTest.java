package nl.opvang.device.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigLoaderTest {
    private static final String VALID = """
            {"site":"amg","node":"amg-1","brokerUrl":"tcp://127.0.0.1:1883","dataDir":"data",
             "tokenKeyId":"k1","tokenKey":"a-long-regional-key","heartbeatSeconds":20,
             "beds":[{"bed":"A1","kind":"regular"},{"bed":"C1","kind":"crisis"}],
             "counts":[{"kind":"nood","capacity":4,"open":false}]}""";

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("node.json"), json);
    }

    @Test
    void a_valid_file_becomes_a_node_config_with_the_data_folder_beside_it() throws IOException {
        NodeConfig config = new NodeConfigLoader().load(write(VALID));
        assertEquals("amg", config.site());
        assertEquals(dir.toAbsolutePath().resolve("data"), config.dataDir());
        assertEquals(20, config.heartbeatSeconds());
        assertEquals(List.of(new NodeConfig.BedConfig("A1", Kind.REGULAR), new NodeConfig.BedConfig("C1", Kind.CRISIS)), config.beds());
        assertEquals(List.of(new NodeConfig.CountConfig(Kind.NOOD, 4, false)), config.counts());
        assertEquals(NodeConfig.Profile.KIOSK, config.profile());
    }

    @Test
    void the_local_address_is_read_kept_on_the_node_and_left_out_of_the_configs_text() throws IOException {
        NodeConfig config = new NodeConfigLoader().load(write(VALID.replace("\"site\"",
                "\"address\":\"Kanariestraat 13, 3811 AA Amersfoort\",\"site\"")));
        assertEquals("Kanariestraat 13, 3811 AA Amersfoort", config.address());
        assertFalse(config.toString().contains("Kanariestraat"), "a config may end up in a log line: " + config);
        assertFalse(config.toString().contains("a-long-regional-key"), config.toString());
        assertNull(new NodeConfigLoader().load(write(VALID)).address());
        assertProblem("address", VALID.replace("\"site\"", "\"address\":\"line one\\nline two\",\"site\""));
    }

    @Test
    void the_local_name_is_read_for_the_kiosk_and_left_out_of_the_configs_text() throws IOException {
        NodeConfig config = new NodeConfigLoader().load(write(VALID.replace("\"site\"",
                "\"name\":\"Huis aan de Eem\",\"site\"")));
        assertEquals("Huis aan de Eem", config.name());
        assertFalse(config.toString().contains("Huis aan de Eem"), "a secret location's name in no log line: " + config);
        assertNull(new NodeConfigLoader().load(write(VALID)).name());
        assertProblem("name", VALID.replace("\"site\"", "\"name\":\"line one\\nline two\",\"site\""));
    }

    @Test
    void each_problem_is_one_line_naming_the_field() throws IOException {
        assertProblem("site", VALID.replace("\"site\":\"amg\",", ""));
        assertProblem("site", VALID.replace("\"amg\"", "\"Amersfoort Centrum\""));
        assertProblem("brokerUrl", VALID.replace("tcp://127.0.0.1:1883", "localhost"));
        assertProblem("beds[1].kind", VALID.replace("\"crisis\"", "\"luxury\""));
        assertProblem("beds[1].bed", VALID.replace("\"C1\"", "\"A1\""));
        assertProblem("counts[0].capacity", VALID.replace("\"capacity\":4", "\"capacity\":-1"));
        assertProblem("tokenKey", VALID.replace("a-long-regional-key", "short"));
        assertProblem("heartbeatSecnds", VALID.replace("heartbeatSeconds", "heartbeatSecnds"));
        assertProblem("file", "{\"site\": ");
    }

    @Test
    void a_value_of_the_wrong_type_is_refused_with_the_fields_own_message_not_converted() throws IOException {
        assertMessage("config field 'heartbeatSeconds' must be a whole number of seconds between 1 and 3600",
                VALID.replace("\"heartbeatSeconds\":20", "\"heartbeatSeconds\":\"20\""));
        assertMessage("config field 'heartbeatSeconds' must be a whole number of seconds between 1 and 3600",
                VALID.replace("\"heartbeatSeconds\":20", "\"heartbeatSeconds\":20.5"));
        assertMessage("config field 'site' must be a non-empty text", VALID.replace("\"amg\"", "5"));
        assertMessage("config field 'site' must be a non-empty text", VALID.replace("\"amg\"", "\" \""));
        assertMessage("config field 'counts[0].open' must be true or false", VALID.replace("\"open\":false", "\"open\":\"no\""));
        assertMessage("config field 'counts[0].capacity' must be a whole number between 0 and 10000",
                VALID.replace("\"capacity\":4", "\"capacity\":\"4\""));
        assertMessage("config field 'beds' must be a list", VALID.replace("\"beds\":[", "\"beds\":{\"x\":[").replace("}],\n", "}]},\n"));
        assertMessage("config field 'beds[0].kind' is missing", VALID.replace(",\"kind\":\"regular\"", ""));
        assertMessage("config field 'file' must hold one JSON object", "[1, 2]");
        assertMessage("config field 'file' is not valid JSON at line 2", "{\n\"site\" \"amg\"}");
    }

    private void assertMessage(String message, String json) throws IOException {
        assertEquals(message, assertThrows(ConfigProblem.class, () -> new NodeConfigLoader().load(write(json))).getMessage());
    }

    @Test
    void a_missing_file_is_named() {
        ConfigProblem problem = assertThrows(ConfigProblem.class, () -> new NodeConfigLoader().load(dir.resolve("nope.json")));
        assertEquals("file", problem.field());
    }

    private void assertProblem(String field, String json) throws IOException {
        ConfigProblem problem = assertThrows(ConfigProblem.class, () -> new NodeConfigLoader().load(write(json)));
        assertEquals(field, problem.field(), problem.getMessage());
        assertEquals(1, problem.getMessage().lines().count());
    }
}
