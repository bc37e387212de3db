package nl.opvang.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * Port choices at start. A listener asked for port 0 binds port 0 itself: a port picked free here and bound later
 * was taken in between in CI (a hub's HTTP port, by another process's connection: "Port already in use" while starting
 * a test hub), because the kernel hands out connection ports from the same range.
 */
class PortsTest {
    @Test
    void a_listener_asked_for_any_port_binds_port_0_itself() {
        assertEquals(0, Ports.chooseForListener("127.0.0.1", 0, 8080, false, "HTTP", "--http-port"));
    }

    @Test
    void the_embedded_broker_which_cannot_report_its_port_gets_a_free_one_picked_here() {
        int port = Ports.choose("127.0.0.1", 0, 1883, false, "MQTT", "--mqtt-port");

        assertTrue(port > 0);
    }

    @Test
    void a_fixed_port_in_use_is_refused_with_the_flag_to_change_it() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ConfigException refused = assertThrows(ConfigException.class, () -> Ports.chooseForListener("127.0.0.1",
                    taken.getLocalPort(), 8080, false, "HTTP", "--http-port"));

            assertTrue(refused.getMessage().contains("--http-port"), refused.getMessage());
        }
    }
}
