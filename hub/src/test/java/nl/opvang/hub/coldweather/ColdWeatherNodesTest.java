package nl.opvang.hub.coldweather;

import static nl.opvang.hub.coldweather.ColdWeatherHub.CT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler with a real node (the seed region's Noodbedden node, run by the device's own code) over the hub's
 * embedded broker: commands are kept until the node confirms, also across its absence, and noodbedden are never closed
 * under a guest.
 */
class ColdWeatherNodesTest {
    private static final String SITE = "noodbedden";
    private static final String NODE = "noodbedden-1";

    @TempDir
    Path hubData;
    @TempDir
    Path nodeData;
    ColdWeatherHub hub;
    Node node;

    @BeforeEach
    void start() {
        hub = new ColdWeatherHub(hubData, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        hub.close();
    }

    @Test
    void a_node_that_is_offline_when_the_mode_is_switched_on_opens_its_noodbedden_when_it_comes_back() {
        startNode();
        node.close();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> location().freshness() == Freshness.OFFLINE);

        assertEquals(201, hub.post(CT, "/api/v1/cold-weather", "{\"sites\":[\"noodbedden\"],\"reason\":\"Vorst\"}")
                .status());

        JsonNode waiting = nodeStatus();
        assertEquals("waiting", waiting.get("status").asText());
        assertEquals("Wacht op de locatie (gaat open zodra er weer contact is)", waiting.get("text").asText());
        startNode();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> nood().capacity() == 10);
        assertTrue(node.state().count(Kind.NOOD).orElseThrow().open(), "the node itself has them open");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "confirmed".equals(nodeStatus().get("status").asText()));
        assertEquals("Open, bevestigd", nodeStatus().get("text").asText());
    }

    @Test
    void every_kiosk_reads_until_when_the_mode_is_on_from_the_counts_topic_also_after_an_extension() {
        startNode();
        assertEquals(201, hub.post(CT, "/api/v1/cold-weather", "{\"sites\":[\"noodbedden\"],\"reason\":\"Vorst\"}")
                .status());
        Instant until = Instant.parse(hub.state(CT).get("until").asText());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> until.equals(countsUntil()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> until.equals(nood().openUntil()));

        Instant later = until.plus(Duration.ofDays(1));
        assertEquals(200, hub.post(CT, "/api/v1/cold-weather", "{\"until\":\"" + later
                + "\",\"sites\":[\"noodbedden\"],\"reason\":\"Vorst houdt aan\"}").status());

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> later.equals(countsUntil()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> later.equals(nood().openUntil()));
        assertEquals(later, node.state().count(Kind.NOOD).orElseThrow().until(), "the node closes them by itself then");
        assertEquals(200, hub.delete(CT, "/api/v1/cold-weather?reason=Dooi").status());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> countsUntil() == null);
    }

    @Test
    void a_node_offline_while_the_mode_was_switched_on_and_off_again_ends_up_closed_when_it_comes_back() {
        startNode();
        node.close();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> location().freshness() == Freshness.OFFLINE);
        assertEquals(201, hub.post(CT, "/api/v1/cold-weather", "{\"sites\":[\"noodbedden\"],\"reason\":\"Vorst\"}")
                .status());
        assertEquals(200, hub.delete(CT, "/api/v1/cold-weather?reason=Toch%20niet").status());

        JsonNode closing = nodeStatus();
        assertEquals("close", closing.get("desired").asText(), "the mode sent open_nood: it answers for closing too");
        startNode();

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "closed".equals(nodeStatus().get("status").asText()));
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> !node.state().count(Kind.NOOD).orElseThrow().open());
        assertEquals(0, nood().capacity());
    }

    @Test
    void occupied_noodbedden_stay_open_after_the_mode_ends_until_the_last_guest_has_left() {
        startNode();
        assertEquals(201, hub.post(CT, "/api/v1/cold-weather", "{\"sites\":[\"noodbedden\"],\"reason\":\"Vorst\"}")
                .status());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "confirmed".equals(nodeStatus().get("status").asText()));
        node.count(Kind.NOOD, 2);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> nood().occupied() == 2);

        assertEquals(200, hub.delete(CT, "/api/v1/cold-weather?reason=Dooi").status());

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "occupied".equals(nodeStatus().get("status").asText()));
        assertEquals("Nog bezet: 2 — sluit zodra leeg", nodeStatus().get("text").asText());
        // Several re-send intervals: nothing closes under the guests.
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> node.state().count(Kind.NOOD).map(Payload.CountState::open).orElse(false));
        assertEquals(10, nood().capacity(), "still open at the hub");

        node.count(Kind.NOOD, 1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> nood().occupied() == 1);
        assertEquals("Nog bezet: 1 — sluit zodra leeg", nodeStatus().get("text").asText());
        node.count(Kind.NOOD, 0);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !node.state().count(Kind.NOOD).orElseThrow().open());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> nood().capacity() == 0);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "closed".equals(nodeStatus().get("status").asText()));
        assertEquals("Gesloten", nodeStatus().get("text").asText());
    }

    private Instant countsUntil() {
        return node.regionCounts().map(HubCounts::coldWeatherUntil).orElse(null);
    }

    private void startNode() {
        node = Node.start(NodeConfig.simulated(SITE, NODE, hub.hub.mqttUrl(), nodeData, List.of(),
                List.of(new NodeConfig.CountConfig(Kind.NOOD, 10, false))), Clock.systemUTC());
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> location().freshness() == Freshness.LIVE);
    }

    private LocationAvailability location() {
        return hub.hub.inProcess().projection().snapshot().locations().get(SITE);
    }

    private KindAvailability nood() {
        return location().kinds().stream().filter(kind -> kind.kind() == Kind.NOOD).findFirst().orElseThrow();
    }

    private JsonNode nodeStatus() {
        for (JsonNode status : hub.state(CT).get("nodes")) {
            if (status.get("node").asText().equals(NODE)) {
                return status;
            }
        }
        throw new IllegalStateException("no status for " + NODE);
    }
}
