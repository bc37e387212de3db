package nl.opvang.hub.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.device.node.LinkSettings;
import nl.opvang.device.node.Node;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.harness.TcpProxy;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.node.TestLocation.StoredEvent;
import nl.opvang.testing.MutableClock;
import nl.opvang.protocol.Kind;
import nl.opvang.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/DESIGN.md §9, "node offline for hours" (FAULTS R03 at length, with R04's silent link) and "a node's clock wrong
 * by a day" (R15). The hub runs in-process on a controllable clock, on a Mosquitto process; a real node (the device's
 * code) on a clock of its own reaches the broker through a TCP proxy.
 */
class NodeClockTest {
    private static final int EVENTS_OFFLINE = 600;
    private static final Duration BETWEEN_EVENTS = Duration.ofMinutes(1);
    private static final Pattern OFFSET = Pattern.compile(
            "^opvang_node_clock_offset_seconds\\{node=\"test-1\",?\\} (-?[0-9.E]+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void mosquitto() {
        Tools.require("mosquitto");
    }

    private Hub hub(String brokerUrl, MutableClock clock) throws Exception {
        Path region = TestLocation.writeRegion(dir);
        return Hub.start(HubConfig.builder().loopbackAnyPorts().mqttUrl(brokerUrl).data(dir.resolve("hub-data")).region(region)
                .build(), clock);
    }

    @Test
    void a_node_offline_for_ten_hours_is_shown_stale_then_offline_never_free_and_drains_in_order_on_return() throws Exception {
        MutableClock hubClock = new MutableClock(start);
        MutableClock nodeClock = new MutableClock(start);
        try (MosquittoBroker broker = MosquittoBroker.start();
             TcpProxy proxy = new TcpProxy(broker.port());
             Hub hub = hub(broker.url(), hubClock);
             Node node = Node.start(TestLocation.nodeConfig(proxy.url(), dir.resolve("node")), nodeClock,
                     new LinkSettings(Duration.ofSeconds(5), 100, Duration.ofSeconds(4), Duration.ofSeconds(2)))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> node.hubConnected() && node.pendingCount() == 0);
            node.checkIn("T1", "5001", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> node.pendingCount() == 0
                    && free(hub, Kind.REGULAR) == 3 && location(hub).freshness() == Freshness.LIVE);

            // The link dies silently (no FIN, no RST): neither the node nor the broker knows yet.
            assertEquals(1, proxy.halfOpen());
            // The hub's own clock decides (its ticker does the same every second; called here so the broker's keep-alive,
            // 1.5 × 4 s, cannot send the will first).
            hubClock.advance(Duration.ofSeconds(60));
            hub.inProcess().projection().refreshFreshness();
            assertEquals(Freshness.STALE, location(hub).freshness(), "a minute without a word is stale");
            assertNeverFree(hub, 3);
            hubClock.advance(Duration.ofMinutes(5));
            hub.inProcess().projection().refreshFreshness();
            assertEquals(Freshness.OFFLINE, location(hub).freshness(), "six minutes without a word is offline");
            assertNeverFree(hub, 3);

            long silenced = System.nanoTime();
            await().atMost(Duration.ofSeconds(40)).until(() -> !node.brokerConnected());
            Duration noticed = Duration.ofNanos(System.nanoTime() - silenced);
            for (int i = 0; i < EVENTS_OFFLINE; i++) {
                nodeClock.advance(BETWEEN_EVENTS);
                hubClock.advance(BETWEEN_EVENTS);
                String bed = "T" + (2 + (i / 2) % 3);
                if (i % 2 == 0) {
                    node.checkIn(bed, "6000" + (i / 2), "0307");
                } else {
                    node.checkOut(bed, "6000" + (i / 2), null);
                }
                if (i % 100 == 99) {
                    hub.inProcess().projection().refreshFreshness();
                    assertEquals(Freshness.OFFLINE, location(hub).freshness(), "after " + (i + 1) + " minutes");
                    assertNeverFree(hub, 3);
                }
            }
            assertTrue(node.pendingCount() >= EVENTS_OFFLINE, "everything waits in the outbox: " + node.pendingCount());

            proxy.restore();
            long restored = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> node.pendingCount() == 0);
            Duration drained = Duration.ofNanos(System.nanoTime() - restored);
            await().atMost(Duration.ofSeconds(10)).until(() -> location(hub).freshness() == Freshness.LIVE);
            assertEquals(3, free(hub, Kind.REGULAR), "live again, with the figures the node has");

            List<StoredEvent> stored = TestLocation.storedEvents(dir.resolve("hub-data"), node.session());
            long max = stored.get(stored.size() - 1).seq();
            assertEquals(max, stored.size(), "COUNT = MAX seq: no gap, none doubled");
            Set<String> ids = new HashSet<>();
            stored.forEach(event -> ids.add(event.id()));
            assertEquals(stored.size(), ids.size(), "no event id stored twice");
            assertTrue(stored.stream().noneMatch(StoredEvent::rejected), "nothing refused");
            for (int i = 1; i < stored.size(); i++) {
                assertTrue(stored.get(i).receivedMs() >= stored.get(i - 1).receivedMs(), "stored in seq order at " + i);
            }
            assertEquals(EVENTS_OFFLINE, stored.stream().filter(event -> event.bed() != null && !event.bed().equals("T1")
                    && (event.type().equals("check_in") || event.type().equals("check_out"))).count());
            Duration spanned = nodeTimeSpan(dir.resolve("hub-data"), node.session());
            assertTrue(spanned.toHours() >= 9, "the node's own times span the ten hours offline: " + spanned);
            System.out.println("NodeClockTest: silent link noticed by the node after " + noticed.toMillis() + " ms; "
                    + EVENTS_OFFLINE + " events of " + spanned.toHours() + " h drained " + drained.toMillis()
                    + " ms after the link returned");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {86_400, -86_400})
    void a_node_whose_clock_is_a_day_off_is_stored_live_on_the_hubs_clock_and_its_offset_is_shown(long offsetSeconds)
            throws Exception {
        MutableClock hubClock = new MutableClock(start);
        MutableClock nodeClock = new MutableClock(start.plusSeconds(offsetSeconds));
        try (MosquittoBroker broker = MosquittoBroker.start();
             Hub hub = hub(broker.url(), hubClock);
             Node node = Node.start(TestLocation.nodeConfig(broker.url(), dir.resolve("node")), nodeClock)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> node.hubConnected() && node.pendingCount() == 0);
            node.checkIn("T1", "5001", null);
            node.checkIn("T5", "5005", "passant");
            await().atMost(Duration.ofSeconds(10)).until(() -> node.pendingCount() == 0);

            List<StoredEvent> stored = TestLocation.storedEvents(dir.resolve("hub-data"), node.session());
            assertEquals(3, stored.size(), "birth and two check-ins: " + stored);
            assertTrue(stored.stream().noneMatch(StoredEvent::rejected), "nothing refused for its time");
            LocationAvailability location = location(hub);
            assertEquals(Freshness.LIVE, location.freshness(), "live on the hub's clock");
            assertEquals(3, free(hub, Kind.REGULAR));
            assertTrue(Duration.between(location.lastConfirmedAt(), hubClock.instant()).abs().toSeconds() < 5,
                    "confirmed at the hub's time " + hubClock.instant() + ", not the node's: " + location.lastConfirmedAt());
            hubClock.advance(Duration.ofSeconds(60));
            hub.inProcess().projection().refreshFreshness();
            assertEquals(Freshness.STALE, location(hub).freshness(), "a minute of silence on the hub's clock is stale");

            double shown = clockOffset(hub.metricsPort());
            assertTrue(Math.abs(shown - offsetSeconds) < 60, "opvang_node_clock_offset_seconds " + shown);
            assertFalse(nodeTimeSpan(dir.resolve("hub-data"), node.session()).isNegative());
        }
    }

    private static LocationAvailability location(Hub hub) {
        return hub.inProcess().projection().snapshot().locations().get(TestLocation.SITE);
    }

    private static int free(Hub hub, Kind kind) {
        return location(hub).kinds().stream().filter(each -> each.kind() == kind).mapToInt(KindAvailability::free).sum();
    }

    /** Not live, so nothing is offered as free; the last known figure stays visible for the reader. */
    private static void assertNeverFree(Hub hub, int lastKnownRegular) {
        LocationAvailability location = location(hub);
        for (KindAvailability kind : location.kinds()) {
            assertEquals(0, kind.free(), location.freshness() + " " + kind);
        }
        assertEquals(lastKnownRegular, location.kinds().stream().filter(each -> each.kind() == Kind.REGULAR)
                .mapToInt(KindAvailability::lastKnownFree).sum());
    }

    /** The node's own time of its last event minus that of its first, as stored for audit. */
    private static Duration nodeTimeSpan(Path hubData, String session) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + hubData.resolve("hub.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MIN(node_ms), MAX(node_ms) FROM event WHERE session = '"
                     + session + "'")) {
            rows.next();
            return Duration.between(Instant.ofEpochMilli(rows.getLong(1)), Instant.ofEpochMilli(rows.getLong(2)));
        }
    }

    private static double clockOffset(int metricsPort) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher line = OFFSET.matcher(response.body());
        assertTrue(line.find(), "no opvang_node_clock_offset_seconds for test-1 in /metrics");
        return Double.parseDouble(line.group(1));
    }
}
