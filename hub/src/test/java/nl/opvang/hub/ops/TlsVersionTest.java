package nl.opvang.hub.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.opvang.harness.FreePort;
import nl.opvang.hub.location.NodeSpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FAULTS S10, old TLS: the production broker (rendered from {@code mosquitto.conf.template}, {@code tls_version tlsv1.2})
 * refuses clients that offer only TLS 1.0 or only TLS 1.1, and accepts TLS 1.2 and 1.3.
 *
 * <p>The client is {@code openssl s_client} with {@code -cipher DEFAULT@SECLEVEL=0}, because Debian's OpenSSL 3 (and
 * Java 17's {@code jdk.tls.disabledAlgorithms}) refuse TLS 1.0/1.1 on the client side by default: a refusal by the
 * client's own policy would prove nothing about the broker. Two things show the refusal is the broker's: the client
 * <em>receives</em> a {@code protocol_version} alert (SSL alert number 70, read from the peer) and the broker logs
 * {@code unsupported protocol}; and the very same client command completes a TLS 1.1 handshake with a control broker
 * that differs only in allowing TLS 1.1, and a TLS 1.0 handshake with {@code openssl s_server -tls1} on the same
 * certificate (Mosquitto 2.0 has no setting that allows 1.0).
 */
class TlsVersionTest {
    private static final List<NodeSpec> NODES = List.of(new NodeSpec("amg-1", "amg", List.of()));
    private static final String WEAK_CIPHERS = "DEFAULT@SECLEVEL=0";

    @TempDir
    Path dir;

    @BeforeEach
    void tools() {
        SecuredBroker.requireTools();
    }

    @Test
    void tls_1_0_and_1_1_are_refused_by_the_broker_and_1_2_and_1_3_are_accepted() {
        try (SecuredBroker broker = SecuredBroker.start(dir, NODES)) {
            for (String version : List.of("-tls1", "-tls1_1")) {
                Handshake refused = handshake(broker.dir, broker.port, version);
                assertFalse(refused.established(), version + " was accepted: " + refused.output());
                assertTrue(refused.output().contains("alert protocol version") && refused.output().contains("SSL alert number 70"),
                        version + ": the broker itself answered with a protocol_version alert: " + refused.output());
            }
            assertEquals(2, count(broker.log(), "unsupported protocol"), "the broker logged both refusals: " + broker.log());

            Handshake tls12 = handshake(broker.dir, broker.port, "-tls1_2");
            assertTrue(tls12.established() && tls12.output().contains("Protocol version: TLSv1.2"), tls12.output());
            assertTrue(tls12.output().contains("Verification: OK"), "our CA, the SAN 127.0.0.1: " + tls12.output());
            Handshake tls13 = handshake(broker.dir, broker.port, "-tls1_3");
            assertTrue(tls13.established() && tls13.output().contains("Protocol version: TLSv1.3"), tls13.output());
        }
    }

    @Test
    void the_same_client_does_complete_tls_1_1_and_1_0_handshakes_where_a_server_allows_them() throws Exception {
        // Control 1: the production config with only the minimum lowered (Mosquitto 2.0 reads tls_version as the minimum).
        try (SecuredBroker weak = SecuredBroker.start(Files.createDirectories(dir.resolve("weak")), NODES,
                conf -> conf.replace("tls_version tlsv1.2", "tls_version tlsv1.1\nciphers " + WEAK_CIPHERS))) {
            Handshake tls11 = handshake(weak.dir, weak.port, "-tls1_1");
            assertTrue(tls11.established() && tls11.output().contains("Protocol version: TLSv1.1"), tls11.output());
            assertFalse(handshake(weak.dir, weak.port, "-tls1").established(), "the control's minimum is 1.1");

            // Control 2: TLS 1.0 against openssl's own server on the broker's certificate.
            int port = FreePort.pick();
            Process server = new ProcessBuilder("/usr/bin/openssl", "s_server", "-accept", Integer.toString(port),
                    "-cert", weak.dir.resolve("server.crt").toString(), "-key", weak.dir.resolve("server.key").toString(),
                    "-tls1", "-cipher", WEAK_CIPHERS, "-quiet").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> listening(port));
                Handshake tls10 = handshake(weak.dir, port, "-tls1");
                assertTrue(tls10.established() && tls10.output().contains("Protocol version: TLSv1\n"), tls10.output());
            } finally {
                server.destroy();
                server.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private record Handshake(boolean established, String output) {
    }

    /** One TLS handshake by {@code openssl s_client} offering only {@code version}, trusting the broker's CA. */
    private static Handshake handshake(Path brokerDir, int port, String version) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl", "s_client", "-connect", "127.0.0.1:" + port,
                version, "-cipher", WEAK_CIPHERS, "-CAfile", brokerDir.resolve("ca.crt").toString(), "-verify_ip",
                "127.0.0.1", "-brief"));
        try {
            Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
            client.getOutputStream().close();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(30, TimeUnit.SECONDS), "s_client ended");
            return new Handshake(client.exitValue() == 0 && output.contains("CONNECTION ESTABLISHED"), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
