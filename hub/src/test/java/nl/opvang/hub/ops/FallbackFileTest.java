package nl.opvang.hub.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import nl.opvang.device.node.Node;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.testkit.HubWithNode;
import nl.opvang.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 11 (the hub's part): the printable overview is written to {@code fallback/overzicht.html} beside the
 * data at start and every quarter hour, atomically, with every location's free places, freshness and phone, and never
 * a secret address (a canary in the node's own config, which the node keeps to itself).
 */
class FallbackFileTest {
    private static final String CANARY = "Kanariesteeg 7-CANARY-fb15";

    @TempDir
    Path dir;

    @Test
    void the_file_is_written_at_the_first_call_and_again_only_after_a_quarter_hour() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T02:12:00Z"));
        AtomicInteger version = new AtomicInteger();
        FallbackFile fallback = new FallbackFile(dir, () -> "<p>overzicht " + version.incrementAndGet() + "</p>", clock);

        fallback.writeIfDue();
        assertEquals("<p>overzicht 1</p>", Files.readString(dir.resolve("fallback/overzicht.html")));
        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        fallback.writeIfDue();
        assertEquals("<p>overzicht 1</p>", Files.readString(fallback.file()), "not again within the quarter hour");
        clock.advance(Duration.ofSeconds(1));
        fallback.writeIfDue();
        assertEquals("<p>overzicht 2</p>", Files.readString(fallback.file()), "again after 15 minutes");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(fallback.file())));
        try (Stream<Path> files = Files.list(fallback.file().getParent())) {
            assertEquals(List.of(fallback.file()), files.toList(), "no temporary file left beside it");
        }
    }

    @Test
    void the_hub_writes_the_overview_at_start_and_every_quarter_hour_with_phones_and_no_secret_address() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        Path data = dir.resolve("hub");
        Path file = data.resolve("fallback/overzicht.html");
        try (Hub hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(data).build(), clock)) {
            String atStart = Files.readString(file);
            assertTrue(atStart.startsWith("<!DOCTYPE html>"), atStart);
            assertTrue(atStart.contains("<style>") && !atStart.contains("<script") && !atStart.contains("<link"),
                    "one file on its own: style inside, no script, nothing fetched from the hub");
            assertTrue(atStart.contains("Laatst bekende beschikbaarheid — bijgewerkt"), atStart);
            assertTrue(atStart.contains("Live vrij bij het bijwerken:"), atStart);
            List<Location> locations = hub.inProcess().registry().locations();
            for (Location location : locations) {
                assertTrue(atStart.contains("<tr data-code=\"" + location.code() + "\">"), location.code());
                assertTrue(location.phone() == null || atStart.contains(location.phone()), "phone of " + location.code());
            }
            assertTrue(locations.stream().anyMatch(Location::secret), "the seed has a secret location");
            for (Location secret : locations.stream().filter(Location::secret).toList()) {
                assertTrue(row(atStart, secret.code()).contains("(adres geheim)"), row(atStart, secret.code()));
            }

            try (Node node = Node.start(HubWithNode.testNode(hub.mqttUrl(), dir.resolve("node")).withAddress(CANARY),
                    Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> hub.inProcess().projection().snapshot().locations()
                        .get("test").freshness() == Freshness.LIVE);
                node.checkIn("T1", "5001", "0307");
                await().atMost(Duration.ofSeconds(20)).until(() -> node.pendingCount() == 0);
                Thread.sleep(6000);
                assertEquals(atStart, Files.readString(file), "not written again within the quarter hour");

                clock.advance(Duration.ofMinutes(15));
                await().atMost(Duration.ofSeconds(15)).until(() -> !Files.readString(file).equals(atStart));
            }
            String later = Files.readString(file);
            String test = row(later, "test");
            assertTrue(test.contains("<td>3 vrij</td>") || test.contains("<td>laatst bekend: 3</td>"),
                    "the check-in is in the rewritten file: " + test);
            assertFalse(later.contains(CANARY) || later.contains("CANARY-fb15"), "no secret address in the file");
        }
    }

    private static String row(String page, String code) {
        int start = page.indexOf("<tr data-code=\"" + code + "\">");
        return page.substring(start, page.indexOf("</tr>", start));
    }
}
