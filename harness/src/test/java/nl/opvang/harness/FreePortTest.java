package nl.opvang.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {
    @Test
    void ports_lie_below_the_ephemeral_range_are_bindable_and_never_repeat() throws Exception {
        int ephemeral = FreePort.ephemeralRangeStart();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePort.pick();
            assertTrue(port >= 10_000 && port < ephemeral, port + " outside [10000, " + ephemeral + ")");
            assertTrue(seen.add(port), "handed out twice: " + port);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertEquals(port, socket.getLocalPort());
            }
        }
    }
}
