package nl.opvang.device.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.config.NodeConfigLoader;
import nl.opvang.protocol.Kind;
import nl.opvang.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configs the deploy folder ships or writes are ones the node accepts. */
class ExampleConfigTest {
    /** Maven runs tests in the module folder; the deploy folder sits beside it. */
    private static final Path DEPLOY = Path.of("..", "deploy");

    @TempDir
    Path dir;

    @Test
    void the_example_config_loads_with_every_field_set() {
        NodeConfig config = new NodeConfigLoader().load(DEPLOY.resolve("device.example.json"));

        assertEquals("amg", config.site());
        assertEquals("amg-1", config.node());
        assertEquals("ssl://hub.example.nl:8883", config.brokerUrl());
        assertEquals("node-amg-1", config.username());
        assertEquals(Path.of("/var/lib/opvang"), config.dataDir());
        assertEquals(30, config.heartbeatSeconds());
        assertEquals(4, config.beds().size());
        assertEquals(List.of(new NodeConfig.CountConfig(Kind.NOOD, 4, false)), config.counts());
        assertEquals("k1", config.tokenKeyId());
        assertEquals(NodeConfig.Profile.KIOSK, config.profile());
    }

    @Test
    void the_config_enrol_node_writes_loads_with_the_generated_password_and_the_region_key() throws Exception {
        Tools.require("/usr/bin/mosquitto_passwd");
        Path key = Files.writeString(dir.resolve("region.key"), "c2VjcmV0LXJlZ2lvbi1rZXktZm9yLXRlc3Rz\n");
        Path out = dir.resolve("enrolled");
        Process enrol = new ProcessBuilder("bash", DEPLOY.resolve("enrol-node.sh").toString(), "amg", "amg-2",
                "--broker-url", "ssl://hub.example.nl:8883", "--token-key-file", key.toString(), "--profile", "panel",
                "--out", out.toString()).redirectErrorStream(true).start();
        String printed = new String(enrol.getInputStream().readAllBytes());
        assertTrue(enrol.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, enrol.exitValue(), printed);

        NodeConfig config = new NodeConfigLoader().load(out.resolve("device.json"));

        assertEquals("node-amg-2", config.username());
        assertEquals(32, config.password().length());
        assertEquals("c2VjcmV0LXJlZ2lvbi1rZXktZm9yLXRlc3Rz", config.tokenKey());
        assertEquals(NodeConfig.Profile.PANEL, config.profile());
        assertTrue(Files.readString(out.resolve("password_file.line")).startsWith("node-amg-2:$7$"), "a Mosquitto 2 hash");
        assertTrue(Files.readString(out.resolve("acl.lines")).contains("topic write opvang/v1/amg/amg-2/event"));
        assertTrue(printed.contains("password_file.line"), printed);
    }
}
