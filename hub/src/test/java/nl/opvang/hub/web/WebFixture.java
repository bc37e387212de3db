package nl.opvang.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.availability.PlaceState;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.testkit.MutableClock;
import nl.opvang.protocol.PlaceStatus;

/**
 * A real hub web server on a free port over a real SQLite registry (the seed region plus the test location), with a
 * clock the test controls and node activity applied to the projection as the ingest would after a commit.
 */
final class WebFixture implements AutoCloseable {
    final MutableClock clock = new MutableClock(Instant.now());
    final Database database;
    final Registry registry;
    final AvailabilityProjection projection;
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final SettableHealth health = new SettableHealth();
    final WebServer server;
    final int port;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();

    WebFixture(Path dataDir) {
        database = Database.open(dataDir);
        Registry.seed(database, RegionFile.resource(RegionFile.SEED).plus(RegionFile.resource(RegionFile.TEST_LOCATION)));
        registry = Registry.load(database, "amersfoort");
        projection = new AvailabilityProjection(registry, clock);
        projection.load(database);
        server = new WebServer(projection, registry, health, metrics, clock);
        port = server.start("127.0.0.1", 0);
    }

    /** The health the server reports; the test flips it. */
    static final class SettableHealth implements Health {
        volatile boolean broker = true;
        volatile String database = "ok";

        @Override
        public boolean brokerConnected() {
            return broker;
        }

        @Override
        public String database() {
            return database;
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode getJson(String pathAndQuery) {
        return parse(get(pathAndQuery).body());
    }

    JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node says hello now (online, heard at the clock's time): its location turns live. */
    void heard(String node) {
        NodeState state = projection.node(node).orElseThrow().withStatus(true, 1).seen(clock.millis());
        projection.apply(List.of(state), List.of());
    }

    /** The node reports a bed's new status, as a committed event would. */
    void bed(String node, String bed, PlaceStatus status) {
        NodeState state = projection.node(node).orElseThrow().withStatus(true, 1).seen(clock.millis());
        PlaceState place = projection.place(node, bed).orElseThrow().withBedStatus(status, clock.millis());
        projection.apply(List.of(state), List.of(place));
    }

    /** The node's last will arrived: it is offline. */
    void lastWill(String node) {
        NodeState state = projection.node(node).orElseThrow().withStatus(false, 1);
        projection.apply(List.of(state), List.of());
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }
}
