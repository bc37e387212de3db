package nl.opvang.hub.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvailabilityStreamTest {
    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

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

    private static int free(JsonNode location, String kind) {
        for (JsonNode each : location.get("kinds")) {
            if (each.get("kind").asText().equals(kind)) {
                return each.get("free").asInt();
            }
        }
        throw new AssertionError("no " + kind + " in " + location);
    }

    @Test
    void a_snapshot_comes_first_then_each_changed_location_with_increasing_ids() {
        try (SseReader stream = new SseReader(hub.http, hub.uri("/api/v1/availability/stream"), null, hub.ctToken)) {
            assertEquals(200, stream.response().statusCode());
            assertTrue(stream.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));

            SseReader.Event snapshot = stream.next(Duration.ofSeconds(5));
            assertEquals("snapshot", snapshot.event());
            assertEquals(2000L, stream.retry(), "the reconnection delay for EventSource comes with the snapshot");
            JsonNode answer = hub.parse(snapshot.data());
            assertEquals(answer.get("version").asText(), snapshot.id());
            assertEquals(10, answer.get("locations").size());

            hub.heard("smallepad-1");
            SseReader.Event live = stream.next(WITHIN_A_SECOND);
            hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);
            SseReader.Event occupied = stream.next(WITHIN_A_SECOND);

            assertEquals("location", live.event());
            assertEquals("smallepad", hub.parse(live.data()).get("code").asText());
            assertEquals("live", hub.parse(live.data()).get("freshness").asText());
            assertEquals(43, free(hub.parse(live.data()), "regular"));
            assertEquals("location", occupied.event());
            assertEquals(42, free(hub.parse(occupied.data()), "regular"));
            assertTrue(Long.parseLong(live.id()) > Long.parseLong(snapshot.id()));
            assertTrue(Long.parseLong(occupied.id()) > Long.parseLong(live.id()));
        }
    }

    @Test
    void a_reconnecting_client_gets_a_fresh_snapshot_first() {
        String lastId;
        try (SseReader first = new SseReader(hub.http, hub.uri("/api/v1/availability/stream"), null, hub.ctToken)) {
            first.next(Duration.ofSeconds(5));
            hub.bed("kleinehaag-1", "K01", PlaceStatus.OCCUPIED);
            lastId = first.next(WITHIN_A_SECOND).id();
        }
        hub.bed("kleinehaag-1", "K02", PlaceStatus.OCCUPIED);

        try (SseReader again = new SseReader(hub.http, hub.uri("/api/v1/availability/stream"), lastId, hub.ctToken)) {
            SseReader.Event snapshot = again.next(Duration.ofSeconds(5));

            assertEquals("snapshot", snapshot.event());
            assertTrue(Long.parseLong(snapshot.id()) > Long.parseLong(lastId));
            JsonNode answer = hub.parse(snapshot.data());
            JsonNode kleineHaag = null;
            for (JsonNode each : answer.get("locations")) {
                if (each.get("code").asText().equals("kleinehaag")) {
                    kleineHaag = each;
                }
            }
            assertEquals(19, free(kleineHaag, "regular"), "the snapshot holds the change made while away");
        }
    }

    @Test
    void the_stream_filters_like_the_json_answer() {
        try (SseReader stream = new SseReader(hub.http, hub.uri("/api/v1/availability/stream?kind=crisis"), null,
                hub.ctToken)) {
            JsonNode answer = hub.parse(stream.next(Duration.ofSeconds(5)).data());
            assertEquals(5, answer.get("locations").size());

            hub.heard("smallepad-1");
            hub.heard("vangalen-1");
            JsonNode vangalen = hub.parse(stream.next(WITHIN_A_SECOND).data());

            assertEquals("vangalen", vangalen.get("code").asText(), "smallepad has no crisis places");
            assertEquals(1, vangalen.get("kinds").size());
            assertEquals(2, free(vangalen, "crisis"));
        }
    }

    @Test
    void a_client_that_does_not_accept_an_event_stream_is_told_so_in_json() {
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/availability/stream")).GET().build());

        assertEquals(406, response.statusCode());
        assertTrue(hub.parse(response.body()).get("error").asText().contains("text/event-stream"));
    }

    @Test
    void a_bad_filter_is_refused_before_the_stream_starts() {
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/availability/stream?kind=bed"))
                .header("Accept", "text/event-stream").GET().build());

        assertEquals(400, response.statusCode());
        assertTrue(hub.parse(response.body()).has("error"));
    }

    @Test
    void a_closed_client_is_forgotten() {
        try (SseReader stream = new SseReader(hub.http, hub.uri("/api/v1/availability/stream"), null, hub.ctToken)) {
            stream.next(Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(2)).until(() -> hub.metrics.scrape().contains("opvang_sse_clients 1.0"));
        }
        // The server learns of a gone client when it next writes; a change makes it write.
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            hub.heard("smallepad-1");
            return hub.metrics.scrape().contains("opvang_sse_clients 0.0");
        });
    }
}
