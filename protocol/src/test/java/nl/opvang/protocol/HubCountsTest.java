package nl.opvang.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubCountsTest {
    private final Codec codec = new Codec();
    private final ContractSchemas schemas = new ContractSchemas();
    private final HubCounts counts = HubCounts.of(Instant.parse("2026-11-22T23:40:00Z"), List.of(
            new HubCounts.LocationCount("smallepad", "Smallepad", "033 000 0101", Map.of(Kind.REGULAR, 3)),
            new HubCounts.LocationCount("kw-vo", "Geheime locatie", "", Map.of(Kind.CRISIS, 1, Kind.REGULAR, 0))));

    @Test
    void hub_counts_survive_encoding_and_validate_against_their_schema() {
        byte[] json = codec.encode(counts);

        assertEquals(counts, codec.decodeHubCounts(json));
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"name\":\"Geheime locatie\",\"phone\":\"\""));
        HubCounts withoutPhone = codec.decodeHubCounts(("{\"v\":1,\"at\":\"2026-11-22T23:40:00Z\",\"locations\":[{\"code\":\"x\","
                + "\"name\":\"X\",\"free\":{}}]}").getBytes(StandardCharsets.UTF_8));
        assertEquals(null, withoutPhone.locations().get(0).phone(), "an absent phone is read too");
        assertEquals(null, withoutPhone.coldWeatherUntil(), "no cold-weather mode unless the hub says so");
        assertTrue(schemas.errors(ContractSchemas.HUB_COUNTS, json).isEmpty(), schemas.errors(ContractSchemas.HUB_COUNTS, json)
                .toString());
    }

    @Test
    void cold_weather_mode_travels_with_the_counts() {
        HubCounts cold = HubCounts.of(counts.at(), counts.locations(), Instant.parse("2026-11-23T11:00:00Z"));
        byte[] json = codec.encode(cold);

        assertEquals(cold, codec.decodeHubCounts(json));
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"coldWeatherUntil\":\"2026-11-23T11:00:00Z\""));
        assertTrue(schemas.errors(ContractSchemas.HUB_COUNTS, json).isEmpty(), schemas.errors(ContractSchemas.HUB_COUNTS, json)
                .toString());
    }

    @Test
    void freshness_and_secret_locations_travel_without_a_secret_code_and_older_messages_still_decode() {
        Instant confirmed = Instant.parse("2026-11-22T23:39:41Z");
        HubCounts fresh = HubCounts.of(counts.at(), List.of(new HubCounts.LocationCount("smallepad", "Smallepad",
                "033 000 0101", Map.of(Kind.REGULAR, 3), "live", confirmed)), null, List.of(new HubCounts.SecretLocation(
                "Vrouwenopvang", "088 000 0200", Map.of(Kind.CRISIS, 1), "stale", confirmed)));
        byte[] json = codec.encode(fresh);
        String text = new String(json, StandardCharsets.UTF_8);

        assertEquals(fresh, codec.decodeHubCounts(json));
        assertTrue(text.contains("\"secretLocations\":[{\"name\":\"Vrouwenopvang\",\"phone\":\"088 000 0200\""), text);
        assertFalse(text.contains("\"code\":\"kw"), "a secret location goes without its code: " + text);
        assertTrue(schemas.errors(ContractSchemas.HUB_COUNTS, json).isEmpty(), schemas.errors(ContractSchemas.HUB_COUNTS, json)
                .toString());
        // An older hub's message: no freshness, no secret locations.
        HubCounts older = codec.decodeHubCounts(codec.encode(counts));
        assertEquals(List.of(), older.secretLocations());
        assertEquals(null, older.locations().get(0).freshness());
        assertEquals(null, older.locations().get(0).confirmedAt());
        assertFalse(new String(codec.encode(counts), StandardCharsets.UTF_8).contains("secretLocations"),
                "nothing new is written when there is nothing to say");
    }

    @Test
    void bad_hub_counts_are_refused_by_the_codec_and_the_schema() {
        for (String bad : List.of(
                "{\"v\":1,\"at\":\"2026-11-22T23:40:00Z\",\"locations\":[{\"code\":\"x\",\"name\":\"X\",\"phone\":\"1\",\"free\":{\"bunk\":1}}]}",
                "{\"v\":1,\"at\":\"2026-11-22T23:40:00Z\",\"locations\":[{\"code\":\"x\",\"name\":\"X\",\"phone\":\"1\",\"free\":{\"regular\":-1}}]}",
                "{\"v\":1,\"at\":\"2026-11-22T23:40:00Z\",\"locations\":[{\"code\":\"X Y\",\"name\":\"X\",\"phone\":\"1\",\"free\":{}}]}",
                "{\"v\":2,\"at\":\"2026-11-22T23:40:00Z\",\"locations\":[]}",
                "{\"v\":1,\"locations\":[]}",
                "{\"v\":1,\"at\":\"2026-11-22T23:40:00Z\",\"locations\":[{\"code\":\"x\",\"name\":\"X\",\"free\":{},\"freshness\":\"fresh\"}]}",
                "{\"v\":1,\"at\":\"2026-11-22T23:40:00Z\",\"locations\":[],\"secretLocations\":[{\"phone\":\"1\",\"free\":{}}]}",
                "{\"v\":1,\"at\":\"2026-11-22T23:40:00Z\",\"locations\":[],\"secretLocations\":[{\"name\":\"V\",\"free\":{\"crisis\":-2}}]}")) {
            byte[] json = bad.getBytes(StandardCharsets.UTF_8);
            assertThrows(ProtocolException.class, () -> codec.decodeHubCounts(json), bad);
            assertFalse(schemas.errors(ContractSchemas.HUB_COUNTS, json).isEmpty(), bad);
        }
    }
}
