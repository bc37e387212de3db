package nl.opvang.hub.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
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
 * Issue 11 item 9: every node and kiosk of the region reads the retained {@code opvang/v1/hub/counts}, so it carries
 * what night staff may see and no more: a secret location as counts, named "Geheime locatie", without its phone
 * number, as the night-staff API shows it. Read as a subscriber would, from the hub's broker.
 */
class CountsTopicTest {
    @TempDir
    Path hubData;

    @Test
    void the_counts_every_node_reads_name_no_secret_location_and_give_no_secret_phone_number() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        try (Hub hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(hubData).build(),
                Clock.systemUTC())) {
            MqttClient subscriber = new MqttClient(hub.mqttUrl(), "counts-reader", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            subscriber.connect(options);
            subscriber.subscribe(Topics.HUB_COUNTS, 1,
                    (topic, message) -> received.set(new String(message.getPayload(), StandardCharsets.UTF_8)));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.get() != null);
            subscriber.disconnect();
            subscriber.close();
        }
        String payload = received.get();
        Map<String, HubCounts.LocationCount> locations = new Codec().decodeHubCounts(payload.getBytes(StandardCharsets.UTF_8))
                .locations().stream().collect(Collectors.toMap(HubCounts.LocationCount::code, Function.identity()));

        for (String secret : new String[] {"kw-vo", "kw-jm"}) {
            HubCounts.LocationCount location = locations.get(secret);
            assertEquals("Geheime locatie", location.name(), payload);
            assertEquals("", location.phone(), "no phone, but present for nodes with older software: " + payload);
            assertFalse(location.free().isEmpty(), "the secret location's counts are still there: " + payload);
        }
        assertFalse(payload.contains("Vrouwenopvang") || payload.contains("Jonge moeders"), payload);
        assertFalse(payload.contains("088 000 0200"), payload);
        assertEquals("Smallepad", locations.get("smallepad").name(), "other locations are named: " + payload);
        assertEquals("033 000 0101", locations.get("smallepad").phone(), payload);
        assertTrue(payload.contains("\"free\""), payload);
    }
}
