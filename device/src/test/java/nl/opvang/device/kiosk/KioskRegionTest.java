package nl.opvang.device.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Vrij bij andere locaties" (issue 15 items 7 and 11) over real HTTP, against a real node, SQLite file and embedded
 * broker: every other open location with its free places, freshness and phone; a secret location only as whom to call;
 * the list kept in the node database, so that after a restart without the hub it is still shown, marked with its age.
 */
class KioskRegionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Two hours before now, to the minute: the age the kiosk must show after the restart. */
    private static final Instant AT = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);

    @TempDir
    Path dir;

    static HubCounts counts(Instant at) {
        return HubCounts.of(at, List.of(
                new HubCounts.LocationCount(KioskFixture.SITE, "Amergaard", "033 000 0102", Map.of(Kind.REGULAR, 3),
                        "live", at),
                new HubCounts.LocationCount("smallepad", "Smallepad", "033 000 0101",
                        Map.of(Kind.REGULAR, 3, Kind.CRISIS, 1), "live", at),
                new HubCounts.LocationCount("leger", "Leger des Heils", "033 000 0103", Map.of(Kind.REGULAR, 0),
                        "stale", at.minus(Duration.ofMinutes(9))),
                new HubCounts.LocationCount("vol", "Het Vol", "033 000 0104", Map.of(Kind.REGULAR, 0), "live", at)),
                null, List.of(
                        new HubCounts.SecretLocation("Vrouwenopvang", "088 000 0200 (24/7)", Map.of(Kind.CRISIS, 1), "live", at),
                        new HubCounts.SecretLocation("Vrouwenopvang", "088 000 0200 (24/7)", Map.of(Kind.REGULAR, 2), "live", at)));
    }

    @Test
    void each_other_location_is_listed_with_free_places_freshness_and_phone_and_a_secret_one_only_as_whom_to_call()
            throws Exception {
        try (KioskFixture fixture = new KioskFixture(dir, Duration.ofMinutes(3))) {
            KioskClient client = new KioskClient(fixture.kiosk.uri());
            client.unlock(KioskFixture.PIN);
            fixture.counts(counts(Instant.now()));
            JsonNode region = await().atMost(WAIT).until(() -> client.get("/api/state").json().get("region"),
                    json -> json.get("available").asBoolean());

            assertTrue(region.get("text").asText().startsWith("Laatst bevestigd om "), region.toString());
            assertFalse(region.get("old").asBoolean());
            List<String> lines = lines(region);
            assertEquals("Smallepad · Vrij: 3 · Crisis: 1 · 033 000 0101", lines.get(0), region.toString());
            assertTrue(lines.get(1).matches("Leger des Heils · Geen actuele cijfers \\(laatst \\d\\d:\\d\\d\\) · 033 000 0103"),
                    "a stale location says so instead of a number: " + lines.get(1));
            assertEquals("Het Vol · Vol · 033 000 0104", lines.get(2));
            assertEquals(3, region.get("locations").size(), "this location itself is not among the others: " + region);
            assertEquals("[\"Vrouwenopvang: bel 088 000 0200 (24/7)\"]", region.get("secret").toString(),
                    "two secret locations with one number are one line, without counts");
            assertEquals("Amergaard", client.get("/api/state").json().get("location").asText(), "the location's name");
        }
    }

    @Test
    void the_last_list_survives_a_restart_and_is_shown_with_its_age_while_the_hub_is_unreachable() throws Exception {
        try (KioskFixture fixture = new KioskFixture(dir, Duration.ofMinutes(3))) {
            fixture.counts(counts(AT));
            await().atMost(WAIT).until(() -> fixture.node.regionCounts().map(HubCounts::at).orElse(null), AT::equals);
        }
        // The same data folder, a new broker without the hub's retained counts, and no hub at all.
        try (KioskFixture fixture = new KioskFixture(dir, Duration.ofMinutes(3), false)) {
            KioskClient client = new KioskClient(fixture.kiosk.uri());
            KioskClient.Answer locked = client.get("/api/state");
            assertEquals("Amergaard", locked.json().get("location").asText(), "named from the kept list, also locked");
            assertFalse(locked.json().has("region"), "the list only behind the PIN");
            client.unlock(KioskFixture.PIN);
            JsonNode region = client.get("/api/state").json().get("region");

            assertTrue(region.get("available").asBoolean(), region.toString());
            assertTrue(region.get("old").asBoolean(), region.toString());
            String clock = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Europe/Amsterdam")).format(AT);
            assertEquals("Geen verbinding met de centrale. Stand van " + clock + ", 2 uur oud. Bel eerst of er nog plek is.",
                    region.get("text").asText());
            assertEquals("Smallepad · Vrij: 3 · Crisis: 1 · 033 000 0101", lines(region).get(0));
            assertEquals("Vrouwenopvang: bel 088 000 0200 (24/7)", region.get("secret").get(0).asText());
        }
    }

    @Test
    void a_secret_location_s_own_kiosk_shows_the_name_in_its_config_which_never_leaves_the_node() throws Exception {
        String name = "Huis aan de Eem";
        // The counts name the secret location only by its provider: without its own name the kiosk had only the code.
        HubCounts secretOnly = HubCounts.of(Instant.now(), List.of(), null, List.of(new HubCounts.SecretLocation(
                "Vrouwenopvang", "088 000 0200 (24/7)", Map.of(Kind.CRISIS, 1), "live", Instant.now())));
        try (KioskFixture fixture = new KioskFixture(dir, Duration.ofMinutes(3), true, config -> config.withName(name))) {
            KioskClient client = new KioskClient(fixture.kiosk.uri());
            fixture.counts(secretOnly);
            await().atMost(WAIT).until(() -> fixture.node.regionCounts().isPresent());
            assertEquals(name, client.get("/api/state").json().get("location").asText(), "locked");
            client.unlock(KioskFixture.PIN);
            assertEquals(name, client.get("/api/state").json().get("location").asText(), "unlocked");
            fixture.node.checkIn("A1", "7001", null);
            await().atMost(WAIT).until(() -> fixture.atHub.size() >= 2);
            assertTrue(fixture.atHub.stream().map(Object::toString).noneMatch(message -> message.contains(name)),
                    "the name is in no message to the hub");
        }
    }

    @Test
    void ages_are_written_in_plain_dutch() {
        assertEquals("net binnen", RegionView.age(Duration.ofSeconds(59)));
        assertEquals("12 min oud", RegionView.age(Duration.ofMinutes(12)));
        assertEquals("2 uur oud", RegionView.age(Duration.ofMinutes(179)));
        assertEquals("3 dagen oud", RegionView.age(Duration.ofDays(3)));
    }

    /** Each listed location as the page writes it: name · free places · phone. */
    private static List<String> lines(JsonNode region) {
        List<String> lines = new ArrayList<>();
        for (JsonNode location : region.get("locations")) {
            lines.add(location.get("name").asText() + " · " + location.get("free").asText()
                    + (location.has("phone") ? " · " + location.get("phone").asText() : ""));
        }
        return lines;
    }
}
