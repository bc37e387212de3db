package nl.opvang.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final DeviceMain main = new DeviceMain(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    @Test
    void wrong_usage_is_explained_and_means_exit_code_two() {
        assertNull(main.run(new String[] {"--simulate", "3"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--simulate needs --broker"));
        assertNull(main.run(new String[] {"--verbose", "yes"}));
        assertEquals(2, DeviceMain.USAGE_ERROR);
    }

    @Test
    void a_bad_config_prints_one_line_and_keeps_running_without_a_node() throws Exception {
        Path config = Files.writeString(dir.resolve("node.json"), "{\"site\":\"amg\"}");
        AutoCloseable running = main.run(new String[] {"--config", config.toString()});
        assertNotNull(running);
        running.close();
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.contains("'node' is missing"), printed);
    }

    @Test
    void simulated_configs_give_each_node_its_own_site_and_data_folder() {
        var configs = DeviceMain.simulatedConfigs(3, "tcp://127.0.0.1:1883", dir);
        assertEquals(3, configs.size());
        assertEquals(3, configs.stream().map(config -> config.dataDir()).distinct().count());
        assertEquals("sim2-1", configs.get(1).node());
    }
}
