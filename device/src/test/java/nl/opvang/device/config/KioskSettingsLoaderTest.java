package nl.opvang.device.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import nl.opvang.hardware.HardwareConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiosk's optional fields in the node config: PIN (hashed at load), port, idle lock and pass reader. */
class KioskSettingsLoaderTest {
    private static final String BASE = "{\"site\":\"amg\",\"node\":\"amg-1\",\"brokerUrl\":\"tcp://127.0.0.1:1883\","
            + "\"dataDir\":\"data\",\"tokenKeyId\":\"k1\",\"tokenKey\":\"a-long-regional-key\"";

    @TempDir
    Path dir;

    private NodeConfig load(String extra) throws IOException {
        return new NodeConfigLoader().load(Files.writeString(dir.resolve("node.json"), BASE + extra + "}"));
    }

    @Test
    void without_kiosk_fields_the_defaults_apply_and_no_pin_is_set() throws IOException {
        NodeConfig.KioskSettings kiosk = load("").kiosk();
        assertEquals(8090, kiosk.port());
        assertEquals(Duration.ofMinutes(3), kiosk.idleLock());
        assertNull(kiosk.staffPin());
        assertNull(kiosk.reader());
    }

    @Test
    void the_pin_is_kept_as_a_hash_that_matches_only_the_pin() throws IOException {
        NodeConfig config = load(",\"staffPin\":\"4711\",\"kioskPort\":9000,\"kioskIdleMinutes\":5,"
                + "\"reader\":{\"type\":\"keyboard_evdev\",\"device\":\"/dev/input/event3\"}");
        assertTrue(config.kiosk().staffPin().matches("4711"));
        assertFalse(config.kiosk().staffPin().matches("4712"));
        // The data folder is a random temporary path that may itself contain the digits 4711.
        assertFalse(config.toString().replace(config.dataDir().toString(), "").contains("4711"), config.toString());
        assertEquals(9000, config.kiosk().port());
        assertEquals(Duration.ofMinutes(5), config.kiosk().idleLock());
        assertEquals(HardwareConfig.ReaderType.KEYBOARD_EVDEV, config.kiosk().reader().type());
    }

    @Test
    void a_bad_kiosk_field_names_itself() {
        assertEquals("staffPin", assertThrows(ConfigProblem.class, () -> load(",\"staffPin\":\"12ab\"")).field());
        assertEquals("kioskPort", assertThrows(ConfigProblem.class, () -> load(",\"kioskPort\":70000")).field());
        assertEquals("reader.type", assertThrows(ConfigProblem.class, () -> load(",\"reader\":{\"type\":\"usb\"}")).field());
    }

    @Test
    void the_kiosk_port_is_read_even_from_a_config_that_is_otherwise_wrong() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"kioskPort\":8123,\"site\":1}");
        assertEquals(8123, new NodeConfigLoader().kioskPortOrDefault(file));
        assertEquals(8090, new NodeConfigLoader().kioskPortOrDefault(Files.writeString(dir.resolve("broken.json"), "{")));
    }
}
