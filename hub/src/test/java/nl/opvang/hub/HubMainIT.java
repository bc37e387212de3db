package nl.opvang.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import nl.opvang.hub.testkit.HubProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/DESIGN.md §2: a start-up problem is one clear line naming the problem and the fix, exit code 2, no stack trace.
 */
class HubMainIT {
    @TempDir
    Path dir;

    private HubProcess.Result run(String... args) {
        return HubProcess.run(dir, Duration.ofSeconds(30), args);
    }

    private static void assertOneClearLine(HubProcess.Result result, String expected) {
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains(expected), result.output());
        assertTrue(result.output().startsWith("opvang-hub: "), result.output());
        assertFalse(result.output().contains("\tat "), "no stack trace: " + result.output());
        assertFalse(result.output().contains("Exception"), "no exception names: " + result.output());
    }

    @Test
    void a_port_that_is_not_a_number_is_refused() {
        assertOneClearLine(run("--http-port", "eighty"), "--http-port must be a port number from 0 to 65535, not 'eighty'");
    }

    @Test
    void an_unknown_flag_is_refused_with_the_usage() {
        assertOneClearLine(run("--htp-port", "8080"), "unknown flag --htp-port. Usage:");
    }

    @Test
    void a_missing_config_file_is_named() {
        assertOneClearLine(run("--config", "nowhere.properties"), "cannot read the config file nowhere.properties");
    }

    @Test
    void a_config_file_with_an_unknown_setting_is_named() throws Exception {
        Files.writeString(dir.resolve("hub.properties"), "http.prot=8080\n");
        assertOneClearLine(run("--config", dir.resolve("hub.properties").toString()), "unknown setting 'http.prot'");
    }

    @Test
    void a_bad_region_file_names_its_line() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "regions:\n  - code: r\n    name: Regio\n    locations:\n      - code: a\n"
                + "        naem: A\n");
        assertOneClearLine(run("--region", dir.resolve("bad.yaml").toString(), "--data", dir.resolve("data").toString(),
                "--http-port", "0", "--mqtt-port", "0"), "bad.yaml regel 6: onbekend veld 'naem'");
    }

    @Test
    void an_http_port_in_use_is_named_with_the_fix() throws Exception {
        // Broker users (empty), so that the embedded broker starts and the HTTP port is what the hub stops at.
        Files.createDirectories(dir.resolve("data/broker"));
        Files.writeString(dir.resolve("data/broker/passwd"), "");
        Files.writeString(dir.resolve("data/broker/acl"), "");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            assertOneClearLine(run("--http-port", Integer.toString(taken.getLocalPort()), "--mqtt-port", "0",
                    "--data", dir.resolve("data").toString()),
                    "HTTP port " + taken.getLocalPort() + " is in use; stop what uses it or choose another with --http-port");
        }
    }

    @Test
    void an_mqtt_port_in_use_is_named_with_the_fix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertOneClearLine(run("--mqtt-port", Integer.toString(taken.getLocalPort()), "--http-port", "0",
                    "--data", dir.resolve("data").toString()), "MQTT port " + taken.getLocalPort() + " is in use");
        }
    }

    @Test
    void an_embedded_broker_without_enrolled_nodes_outside_the_demo_says_how_to_run_the_hub() {
        Path data = dir.resolve("data");
        assertOneClearLine(run("--data", data.toString(), "--http-port", "0", "--mqtt-port", "0"),
                "run 'java -jar opvang-hub.jar broker-config --data " + data + " --out " + data.resolve("broker") + "'");
    }

    @Test
    void a_data_folder_that_cannot_be_created_is_named() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        assertOneClearLine(run("--data", file.resolve("data").toString(), "--http-port", "0", "--mqtt-port", "0"),
                "cannot create the data folder");
    }

    @Test
    void a_database_file_that_is_not_a_database_is_named() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("hub.db"), "this is not SQLite, and it must stay as it is");
        assertOneClearLine(run("--data", data.toString(), "--http-port", "0", "--mqtt-port", "0"), "hub.db is damaged");
        assertEquals("this is not SQLite, and it must stay as it is", Files.readString(data.resolve("hub.db")));
    }
}
