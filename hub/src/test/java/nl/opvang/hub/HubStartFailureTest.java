package nl.opvang.hub;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that fails late closes everything it had opened, in reverse order (docs/DESIGN.md §2): the broker's port, the
 * database and the hub's threads are free again at once, so the same data folder and broker port can start a hub.
 */
class HubStartFailureTest {
    @TempDir
    Path dir;

    @Test
    void a_start_refused_at_the_web_port_leaves_no_broker_database_or_thread_behind() throws Exception {
        Path data = dir.resolve("data");
        int mqttPort = freePort();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int httpPort = taken.getLocalPort();
            ConfigException refused = assertThrows(ConfigException.class, () -> Hub.start(
                    demo(data, mqttPort).httpPort(httpPort).build(), Clock.systemUTC()));
            assertTrue(refused.getMessage().startsWith("HTTP port " + httpPort + " is in use"), refused.getMessage());
        }

        assertAllReleased(data, mqttPort, before);
        try (Hub again = Hub.start(demo(data, mqttPort).build(), Clock.systemUTC())) {
            assertEquals(mqttPort, again.mqttPort());
            assertEquals(data, again.dataDir());
        }
    }

    @Test
    void a_start_refused_after_the_gateway_and_ticker_run_closes_them_the_broker_and_the_database() throws Exception {
        Path data = dir.resolve("data");
        // Broker users (none yet): the embedded broker starts with its logins, as in production.
        Files.createDirectories(data.resolve("broker"));
        Files.writeString(data.resolve("broker/passwd"), "");
        Files.writeString(data.resolve("broker/acl"), "");
        int mqttPort = freePort();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        ConfigException refused = assertThrows(ConfigException.class, () -> Hub.start(
                HubConfig.builder().loopbackAnyPorts().mqttPort(mqttPort).data(data).adminPassword("kort").build(),
                Clock.systemUTC()));
        assertTrue(refused.getMessage().startsWith("--admin-password: "), refused.getMessage());

        assertAllReleased(data, mqttPort, before);
        try (Hub again = Hub.start(HubConfig.builder().loopbackAnyPorts().mqttPort(mqttPort).data(data).build(),
                Clock.systemUTC())) {
            assertEquals(mqttPort, again.mqttPort());
            assertTrue(again.accountSetup().noAdmin(), "the refused admin was not created");
        }
    }

    @Test
    void a_broker_url_paho_cannot_use_is_named_in_one_line_and_the_database_is_closed() throws IOException {
        Path data = dir.resolve("data");
        ConfigException refused = assertThrows(ConfigException.class, () -> Hub.start(
                HubConfig.builder().loopbackAnyPorts().mqttUrl("localhost:1883").data(data).build(), Clock.systemUTC()));
        assertTrue(refused.getMessage().contains("localhost:1883") && refused.getMessage().contains("--mqtt-url"),
                refused.getMessage());
        assertEquals(List.of(), openFiles(data.resolve("hub.db")), "no connection to the database is left open");
    }

    /** The privacy log on another disk that is not mounted: the hub does not start without it (docs/PRODUCTION.md §6). */
    @Test
    void a_privacy_log_whose_folder_is_missing_stops_the_start_and_names_it() throws IOException {
        Path data = dir.resolve("data");
        Path log = dir.resolve("not-mounted").resolve("privacy-log.jsonl");
        ConfigException refused = assertThrows(ConfigException.class, () -> Hub.start(
                HubConfig.builder().demo(true).loopbackAnyPorts().data(data).privacyLog(log).build(), Clock.systemUTC()));
        assertTrue(refused.getMessage().contains(log.toString()) && refused.getMessage().contains("--privacy-log"),
                refused.getMessage());
        assertEquals(List.of(), openFiles(data.resolve("hub.db")), "no connection to the database is left open");
    }

    private static void assertAllReleased(Path data, int mqttPort, Set<Thread> before) throws IOException {
        assertTrue(Files.exists(data.resolve("hub.db")) && Files.isDirectory(data.resolve("broker")),
                "the failed start got past the database and the embedded broker");
        assertTrue(free(mqttPort), "the embedded broker's port is free again at once");
        assertEquals(List.of(), openFiles(data.resolve("hub.db")), "no connection to the database is left open");
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).untilAsserted(
                () -> assertEquals(List.of(), threadsStartedSince(before), "threads the failed start left running"));
    }

    private static HubConfig.Builder demo(Path data, int mqttPort) {
        return HubConfig.builder().demo(true).loopbackAnyPorts().mqttPort(mqttPort).data(data);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The files this process has open whose names start with {@code file} (so also SQLite's {@code -wal} and
     * {@code -shm}), from the file descriptors Linux lists for it.
     */
    private static List<String> openFiles(Path file) throws IOException {
        String prefix = file.toRealPath().toString();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.map(HubStartFailureTest::target).filter(target -> target.startsWith(prefix)).toList();
        }
    }

    private static String target(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException gone) {
            return "";
        }
    }

    /** Threads alive now that were not before, but for the JDK's shared reaper of child processes (idle for a minute). */
    private static List<String> threadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> !before.contains(thread))
                .filter(Thread::isAlive).filter(thread -> !thread.getName().equals("process reaper"))
                .map(thread -> thread.getName() + (thread.isDaemon() ? " (daemon)" : "")).sorted().toList();
    }
}
