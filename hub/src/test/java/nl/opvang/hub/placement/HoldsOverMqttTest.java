package nl.opvang.hub.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import nl.opvang.device.node.IncomingHold;
import nl.opvang.device.node.Node;
import nl.opvang.hub.Hub;
import nl.opvang.hub.testkit.HubWithNode;
import nl.opvang.protocol.Kind;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a real hub (embedded MQTT broker, real store) sends a hold to a real device {@link Node} (the test
 * location's node, run by the device's own code), the node accepts it, and the requester reads the instructions.
 */
class HoldsOverMqttTest {
    @TempDir
    Path hubData;
    @TempDir
    Path nodeData;
    HubWithNode running;
    Hub hub;
    Node node;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void the_hub_sends_the_hold_the_node_accepts_and_the_requester_reads_the_instructions() {
        running = HubWithNode.start(hubData, nodeData);
        hub = running.hub();
        node = running.node();
        running.live();

        Hold hold = hub.inProcess().holds().create(PlacementFixture.CT, HoldRequest.anywhere(Kind.CRISIS));

        assertEquals("test", hold.site());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !node.incomingHolds().isEmpty());
        IncomingHold incoming = node.incomingHolds().get(0);
        assertEquals(hold.id(), incoming.hold());
        assertEquals(Kind.CRISIS, incoming.kind());
        assertEquals("CT", incoming.requestedBy());
        assertFalse(incoming.accepted());

        node.acceptHold(hold.id(), "T5", "Om 02:30 bij de hoofdingang; bel aan bij de nachtdienst");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hub.inProcess().holds().get(PlacementFixture.CT, hold.id())
                .state() == HoldState.ACCEPTED);
        Hold accepted = hub.inProcess().holds().get(PlacementFixture.CT, hold.id());
        assertEquals("Om 02:30 bij de hoofdingang; bel aan bij de nachtdienst",
                hub.inProcess().holds().instructions(PlacementFixture.CT, accepted).orElseThrow());
        assertTrue(hub.inProcess().holds().instructions(PlacementFixture.NIGHT_TEST, accepted).isEmpty(),
                "only the requester reads them");

        hub.inProcess().holds().cancel(PlacementFixture.CT, hold.id());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> node.incomingHolds().isEmpty());
    }
}
