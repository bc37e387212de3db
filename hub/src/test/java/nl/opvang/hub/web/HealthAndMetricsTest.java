package nl.opvang.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import nl.opvang.hub.location.Location;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthAndMetricsTest {
    @TempDir
    Path dataDir;
    WebFixture hub;

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void health_is_up_when_broker_and_database_are_fine() {
        HttpResponse<String> response = hub.get("/health");

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"up\",\"broker\":\"connected\",\"database\":\"ok\",\"audit\":\"ok\"}", response.body());
    }

    @Test
    void health_is_degraded_without_the_broker_or_with_a_database_problem() {
        hub.health.broker = false;
        HttpResponse<String> noBroker = hub.get("/health");
        hub.health.broker = true;
        hub.health.database = "disk full";
        HttpResponse<String> badDatabase = hub.get("/health");

        assertEquals(503, noBroker.statusCode());
        assertEquals("{\"status\":\"degraded\",\"broker\":\"disconnected\",\"database\":\"ok\",\"audit\":\"ok\"}", noBroker.body());
        assertEquals(503, badDatabase.statusCode());
        assertEquals("{\"status\":\"degraded\",\"broker\":\"connected\",\"database\":\"disk full\",\"audit\":\"ok\"}",
                badDatabase.body());
    }

    @Test
    void a_broken_audit_chain_alone_is_degraded_but_200_so_no_probe_restarts_a_hub_that_serves() {
        hub.health.audit = "broken";

        HttpResponse<String> response = hub.get("/health");

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"degraded\",\"broker\":\"connected\",\"database\":\"ok\",\"audit\":\"broken\"}",
                response.body());
    }

    @Test
    void metrics_count_nodes_and_free_places_without_naming_any_location() {
        hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);
        hub.heard("kw-vo-1");

        HttpResponse<String> response = hub.scrape();

        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        String text = response.body();
        assertTrue(text.contains("opvang_free_places{kind=\"regular\"} 57.0"), text);
        assertTrue(text.contains("opvang_free_places{kind=\"crisis\"} 2.0"), text);
        assertTrue(text.contains("opvang_free_places{kind=\"nood\"} 0.0"), text);
        assertTrue(text.contains("opvang_nodes{freshness=\"live\"} 2.0"), text);
        assertTrue(text.contains("opvang_nodes{freshness=\"offline\"} 8.0"), text);
        for (Location location : hub.registry.locations()) {
            assertFalse(text.contains(location.name()), location.name() + " appears in the metrics");
        }
        assertFalse(text.contains("Vrouwenopvang"));
        assertFalse(text.contains("Smallepad"));
    }

    @Test
    void the_web_port_serves_no_metrics() {
        HttpResponse<String> response = hub.get("/metrics");

        assertEquals(404, response.statusCode(), response.body());
        assertFalse(response.body().contains("opvang_"), response.body());
    }
}
