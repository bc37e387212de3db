package nl.opvang.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's syntax and its one-line errors (docs/DESIGN.md §2), as the hand-written parser had them. */
class HubFlagsTest {
    private static final String USAGE_LINE = "Usage: java -jar opvang-hub.jar [--demo]";

    @TempDir
    Path dir;

    @Test
    void a_flag_takes_its_value_after_a_space_or_an_equals_sign_and_the_last_one_counts() {
        HubConfig config = HubConfig.parse(new String[] {"--http-port", "8081", "--mqtt-port=1884", "--http-port=8082",
                "--admin-password", "@not-a-file", "--http-host", " 10.0.0.1 "}, Map.of());

        assertEquals(8082, config.httpPort());
        assertEquals(1884, config.mqttPort());
        assertEquals("@not-a-file", config.adminPassword());
        assertEquals("10.0.0.1", config.httpHost());
    }

    @Test
    void without_flags_the_documented_defaults_hold() {
        HubConfig config = HubConfig.parse(new String[0], Map.of());

        assertEquals(false, config.demo());
        assertEquals("0.0.0.0", config.httpHost());
        assertEquals(null, config.httpPort());
        assertEquals("127.0.0.1", config.mqttHost());
        assertEquals(null, config.mqttPort());
        assertEquals(null, config.mqttUrl());
        assertEquals(null, config.data());
        assertEquals(HubConfig.DEFAULT_METRICS_HOST, config.metricsHost());
    }

    @Test
    void demo_is_a_flag_or_the_environment() {
        assertTrue(HubConfig.parse(new String[] {"--demo"}, Map.of()).demo());
        assertTrue(HubConfig.parse(new String[0], Map.of("OPVANG_DEMO", "TRUE")).demo());
    }

    @Test
    void flags_win_over_the_environment_which_wins_over_the_config_file() throws Exception {
        Path file = Files.writeString(dir.resolve("hub.properties"), "http.port=8001\nmqtt.port=1801\ndata=/srv/file\n");
        HubConfig config = HubConfig.parse(new String[] {"--config", file.toString(), "--http-port", "8003"},
                Map.of("OPVANG_HTTP_PORT", "8002", "OPVANG_MQTT_PORT", "1802"));

        assertEquals(8003, config.httpPort());
        assertEquals(1802, config.mqttPort());
        assertEquals(Path.of("/srv/file"), config.data());
    }

    @Test
    void an_unknown_flag_a_stray_argument_or_a_missing_value_is_one_line_with_the_usage() {
        assertEquals("unknown flag --htp-port. " + USAGE_LINE + " [--config FILE] [--http-port N] [--http-host HOST]",
                refused("--htp-port", "8080"));
        assertEquals("unknown flag --htp-port. " + USAGE_LINE + " [--config FILE] [--http-port N] [--http-host HOST]",
                refused("--htp-port=8080"));
        assertTrue(refused("8080").startsWith("unexpected argument '8080'. " + USAGE_LINE), refused("8080"));
        assertTrue(refused("-x").startsWith("unexpected argument '-x'. " + USAGE_LINE), refused("-x"));
        assertEquals("flag --data needs a value", refused("--data"));
    }

    @Test
    void help_is_the_whole_usage() {
        assertTrue(refused("--help").startsWith(USAGE_LINE));
        assertTrue(refused("-h").contains("Every flag is also an environment variable"));
    }

    @Test
    void a_negative_number_is_read_as_a_value_and_refused_by_its_check() {
        assertEquals("--http-rate-limit must be a number of requests per minute (0 for no limit), not '-5'",
                refused("--http-rate-limit", "-5"));
    }

    @Test
    void a_config_file_with_an_unknown_key_is_refused() throws Exception {
        Path file = Files.writeString(dir.resolve("hub.properties"), "http.prot=8080\n");
        assertTrue(refused("--config", file.toString()).contains("has an unknown setting 'http.prot'; known: http.host"));
    }

    private static String refused(String... args) {
        return assertThrows(ConfigException.class, () -> HubConfig.parse(args, Map.of())).getMessage();
    }
}
