package nl.opvang.hub.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.protocol.Kind;
import nl.opvang.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 11: {@code /metrics} named the node codes of secret locations ({@code kw-vo-1}) and answered on the
 * web port, through the documented reverse proxy. Now it has a listener of its own, on localhost unless told
 * otherwise, the web port answers 404 for it, and a secret location's node is an opaque {@code secret-N}. A real node
 * of a secret location sends events, so the per-node clock metric exists.
 */
class MetricsListenerTest {
    private static final String REGION = """
            regions:
              - code: amersfoort
                name: Regio Amersfoort
                locations:
                  - code: open
                    name: Open locatie
                    municipality: Amersfoort
                    phone: "033 000 0101"
                    secret: false
                    nodes:
                      - code: open-1
                        beds:
                          - {kind: regular, codes: [O1-O2]}
                  - code: test
                    name: Testlocatie
                    municipality: Amersfoort
                    phone: "088 000 0200 (24/7)"
                    secret: true
                    nodes:
                      - code: test-1
                        beds:
                          - {kind: regular, codes: [T1-T4]}
                          - {kind: crisis, codes: [T5]}
            """;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void metrics_answer_only_on_their_own_localhost_listener_and_name_no_secret_node() throws Exception {
        Tools.require("mosquitto");
        Path region = Files.writeString(dir.resolve("secret.yaml"), REGION);
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            HubConfig config = HubConfig.parse(new String[] {"--mqtt-url", broker.url(), "--http-port", "0",
                "--data", dir.resolve("hub-data").toString(), "--region", region.toString(),
                "--admin-password", "admin-password-for-metrics"}, Map.of());
            assertEquals("127.0.0.1", config.metricsHostOrDefault(), "metrics listen on this machine only by default");
            try (Hub hub = Hub.start(config, Clock.systemUTC());
                 Node node = Node.start(nodeConfig(broker.url(), dir.resolve("node")), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> node.hubConnected() && node.pendingCount() == 0);
                node.checkIn("T1", "5001", null);
                await().atMost(Duration.ofSeconds(10)).until(() -> node.pendingCount() == 0);

                HttpResponse<String> web = get(hub.httpPort(), "/metrics");
                assertEquals(404, web.statusCode(), "the web port (behind the reverse proxy) serves no metrics: " + web.body());
                assertFalse(web.body().contains("opvang_"), web.body());

                await().atMost(Duration.ofSeconds(10)).until(() -> get(hub.metricsPort(), "/metrics").body()
                        .contains("opvang_node_clock_offset_seconds{"));
                HttpResponse<String> scrape = get(hub.metricsPort(), "/metrics");
                assertEquals(200, scrape.statusCode());
                assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), scrape.headers().toString());
                assertTrue(scrape.body().contains("opvang_node_clock_offset_seconds{node=\"secret-1\"}"), scrape.body());
                assertFalse(scrape.body().contains("test-1"), "the secret location's node code is in the metrics");
                assertFalse(scrape.body().contains("\"test\""), "the secret location's code is in the metrics");
                assertEquals(404, get(hub.metricsPort(), "/api/v1/availability").statusCode(), "the listener serves only /metrics");

                Optional<InetAddress> outside = nonLoopbackAddress();
                if (outside.isPresent()) {
                    assertThrows(IOException.class, () -> {
                        try (Socket socket = new Socket()) {
                            socket.connect(new InetSocketAddress(outside.get(), hub.metricsPort()), 2000);
                        }
                    }, "the metrics listener is reachable on " + outside.get());
                }
            }
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An address of this machine other than loopback, to prove the default listener is not bound to it. */
    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!face.isUp() || face.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(face.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private static NodeConfig nodeConfig(String brokerUrl, Path nodeData) {
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        for (int bed = 1; bed <= 4; bed++) {
            beds.add(new NodeConfig.BedConfig("T" + bed, Kind.REGULAR));
        }
        beds.add(new NodeConfig.BedConfig("T5", Kind.CRISIS));
        return NodeConfig.simulated("test", "test-1", brokerUrl, nodeData, beds, List.of());
    }
}
