package nl.opvang.hub.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.opvang.harness.MqttSetup;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.Topics;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 9 and issue 15 item 7: every node and kiosk of the region reads the retained
 * {@code opvang/v1/hub/counts}, so it carries what night staff may see and less: each open location by name with its
 * phone and freshness; a secret location only as counts with its 24/7 phone under a generic name, never its code or
 * its own name. Read as a subscriber would, from the hub's broker.
 */
class CountsTopicTest {
    @TempDir
    Path hubData;

    @Test
    void the_counts_every_node_reads_name_each_open_location_and_no_secret_one() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        try (Hub hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(hubData).build(),
                Clock.systemUTC())) {
            MqttClient subscriber = new MqttClient(hub.mqttUrl(), "counts-reader", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            MqttSetup.connect(subscriber, options, () -> subscriber.subscribe(Topics.HUB_COUNTS, 1,
                    (topic, message) -> received.set(new String(message.getPayload(), StandardCharsets.UTF_8))));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.get() != null);
            subscriber.disconnect();
            subscriber.close();
        }
        String payload = received.get();
        HubCounts counts = new Codec().decodeHubCounts(payload.getBytes(StandardCharsets.UTF_8));
        Map<String, HubCounts.LocationCount> locations = counts.locations().stream()
                .collect(Collectors.toMap(HubCounts.LocationCount::code, Function.identity()));

        // The seed's two secret locations (kw-vo "Vrouwenopvang", kw-jm "Jonge moeders"), both of the VO domain.
        assertFalse(payload.contains("kw-vo") || payload.contains("kw-jm") || payload.contains("Jonge moeders"),
                "no secret location's code or own name: " + payload);
        assertEquals(2, counts.secretLocations().size(), payload);
        for (HubCounts.SecretLocation secret : counts.secretLocations()) {
            assertEquals("Vrouwenopvang", secret.name(), payload);
            assertTrue(secret.phone().startsWith("088 000 0200"), "whom to call, 24/7: " + payload);
            assertFalse(secret.free().isEmpty(), "the secret location's counts are there: " + payload);
            assertTrue(secret.freshness() != null, payload);
        }
        assertEquals("Smallepad", locations.get("smallepad").name(), "other locations are named: " + payload);
        assertEquals("033 000 0101", locations.get("smallepad").phone(), payload);
        assertTrue(List.of("live", "stale", "offline").contains(locations.get("smallepad").freshness()), payload);
        assertTrue(payload.contains("\"free\""), payload);
    }
}
