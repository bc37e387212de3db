package nl.opvang.device.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.opvang.device.node.Node;
import nl.opvang.harness.FreePort;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.protocol.Kind;
import nl.opvang.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS trust from the node's config: the project's own CA (deploy/broker/make-ca.sh), against a real TLS Mosquitto. */
class BrokerTrustTest {
    @TempDir
    Path dir;

    @Test
    void a_broker_ca_file_that_is_missing_or_not_a_certificate_is_refused_at_start_naming_the_field() throws Exception {
        Files.writeString(dir.resolve("not-a-cert.pem"), "hello");
        for (String ca : List.of("missing.pem", "not-a-cert.pem")) {
            Path config = Files.writeString(dir.resolve("node.json"), """
                    {"site":"amg","node":"amg-1","brokerUrl":"ssl://127.0.0.1:8883","dataDir":"data","tokenKeyId":"k1",
                     "tokenKey":"a-test-key-of-enough-length","brokerCa":"%s","beds":[{"bed":"A1","kind":"regular"}]}
                    """.formatted(ca));
            ConfigProblem problem = assertThrows(ConfigProblem.class, () -> new NodeConfigLoader().load(config));
            assertEquals("brokerCa", problem.field());
        }
    }

    @Test
    void a_node_that_trusts_the_projects_ca_publishes_over_tls_and_a_node_without_it_cannot() throws Exception {
        Path script = Path.of("..", "deploy", "broker", "make-ca.sh").toAbsolutePath().normalize();
        Tools.require("mosquitto");
        Tools.require("/usr/bin/openssl");
        Tools.require(Files.exists(script), "deploy/broker/make-ca.sh is missing");
        Path ca = dir.resolve("ca");
        Process make = new ProcessBuilder("bash", script.toString(), "--host", "localhost", "--out", ca.toString())
                .redirectErrorStream(true).start();
        assertEquals(true, make.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, make.exitValue(), new String(make.getInputStream().readAllBytes()));
        // Mosquitto started as root reads its certificates as the 'mosquitto' user: a throwaway test CA, so readable by all.
        for (Path path : List.of(dir, ca)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (String file : List.of("ca.crt", "server.crt", "server.key")) {
            Files.setPosixFilePermissions(ca.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
        int tlsPort = FreePort.pick();
        try (MosquittoBroker broker = MosquittoBroker.start("listener " + tlsPort + " 127.0.0.1",
                "cafile " + ca.resolve("ca.crt"), "certfile " + ca.resolve("server.crt"), "keyfile " + ca.resolve("server.key"))) {
            NodeConfig trusting = config("ssl://127.0.0.1:" + tlsPort, dir.resolve("trusting"), ca.resolve("ca.crt"));
            try (Node node = Node.start(trusting, Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(20)).until(node::brokerConnected);
            }
            NodeConfig trustingNothing = config("ssl://127.0.0.1:" + tlsPort, dir.resolve("other"), null);
            try (Node node = Node.start(trustingNothing, Clock.systemUTC())) {
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !node.brokerConnected());
                assertFalse(node.brokerConnected(), "the JVM's public CAs do not trust our own CA's broker");
            }
            assertEquals(true, broker.isRunning());
        }
    }

    private static NodeConfig config(String url, Path dataDir, Path brokerCa) {
        NodeConfig simulated = NodeConfig.simulated("amg", "amg-1", url, dataDir,
                List.of(new NodeConfig.BedConfig("A1", Kind.REGULAR)), List.of());
        return new NodeConfig(simulated.site(), simulated.node(), url, null, null, dataDir, 30, simulated.beds(),
                simulated.counts(), simulated.tokenKeyId(), simulated.tokenKey(), simulated.profile(), simulated.kiosk(),
                brokerCa);
    }
}
