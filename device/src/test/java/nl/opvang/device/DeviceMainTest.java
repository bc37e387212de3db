package nl.opvang.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        Path config = Files.writeString(dir.resolve("node.json"), "{\"site\":\"amg\",\"kioskPort\":0}");
        AutoCloseable running = main.run(new String[] {"--config", config.toString()});
        assertNotNull(running);
        running.close();
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.contains("'node' is missing"), printed);
    }

    @Test
    void a_bad_config_still_brings_up_the_kiosk_saying_what_is_wrong_in_dutch() throws Exception {
        Path config = Files.writeString(dir.resolve("node.json"), "{\"site\":\"amg\",\"kioskPort\":0}");
        try (DeviceMain.Running running = (DeviceMain.Running) main.run(new String[] {"--config", config.toString()})) {
            assertTrue(running.node().isEmpty());
            URI kiosk = running.kiosk().orElseThrow().uri();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> state = http.send(HttpRequest.newBuilder(kiosk.resolve("/api/state")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, state.statusCode());
            assertTrue(state.body().contains("De instellingen kloppen niet: ‘node’ ontbreekt. Bel de beheerder."), state.body());
            assertTrue(state.body().contains("\"locked\":true"), state.body());
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(kiosk).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            HttpResponse<String> unlock = http.send(HttpRequest.newBuilder(kiosk.resolve("/api/unlock"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pin\":\"4711\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, unlock.statusCode());
        }
    }

    @Test
    void a_good_config_starts_the_node_and_its_kiosk_even_without_a_broker() throws Exception {
        Path config = Files.writeString(dir.resolve("node.json"), """
                {"site":"amg","node":"amg-1","brokerUrl":"tcp://127.0.0.1:1","dataDir":"data","tokenKeyId":"k1",
                 "tokenKey":"a-test-key-of-enough-length","staffPin":"4711","kioskPort":0,"kioskIdleMinutes":3,
                 "beds":[{"bed":"A1","kind":"regular"},{"bed":"C1","kind":"crisis"}],
                 "counts":[{"kind":"nood","capacity":4,"open":false}]}
                """);
        try (DeviceMain.Running running = (DeviceMain.Running) main.run(new String[] {"--config", config.toString()})) {
            assertTrue(running.node().isPresent());
            URI kiosk = running.kiosk().orElseThrow().uri();
            HttpResponse<String> state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(kiosk.resolve("/api/state")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(state.body().contains("Geen verbinding — alles wordt bewaard en later verstuurd"), state.body());
            assertTrue(state.body().contains("Geen kaartlezer gevonden — typ het pasnummer"), state.body());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("opvang-device ready site=amg node=amg-1 kiosk=http://127.0.0.1:"));
        }
    }

    @Test
    void the_panel_profile_runs_the_button_panel_for_the_nodes_count_only_places() throws Exception {
        Path config = Files.writeString(dir.resolve("node.json"), """
                {"site":"noodbedden","node":"noodbedden-1","brokerUrl":"tcp://127.0.0.1:1","dataDir":"data",
                 "tokenKeyId":"k1","tokenKey":"a-test-key-of-enough-length","profile":"panel","kioskPort":0,
                 "beds":[],"counts":[{"kind":"nood","capacity":10,"open":true}]}
                """);
        System.setProperty("opvang.hardware", "simulated");
        try (DeviceMain.Running running = (DeviceMain.Running) main.run(new String[] {"--config", config.toString()})) {
            assertTrue(running.node().isPresent());
            assertTrue(running.kiosk().isEmpty(), "a panel node has no kiosk page");
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("opvang-device ready site=noodbedden node=noodbedden-1 "
                    + "panel=SIMULATED"), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("opvang.hardware");
        }
    }

    @Test
    void simulated_configs_give_each_node_its_own_site_and_data_folder() {
        var configs = DeviceMain.simulatedConfigs(3, "tcp://127.0.0.1:1883", dir);
        assertEquals(3, configs.size());
        assertEquals(3, configs.stream().map(config -> config.dataDir()).distinct().count());
        assertEquals("sim2-1", configs.get(1).node());
    }
}
