package nl.opvang.hub.referral;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import nl.opvang.device.node.IncomingHold;
import nl.opvang.device.node.Node;
import nl.opvang.device.node.OperationRefused;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.testkit.ApiClient;
import nl.opvang.hub.testkit.HubWithNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, a defect: a hold the VO desk placed (already accepted at the hub) reached the node as a request, so night
 * staff could refuse it at the kiosk and leave node and hub disagreeing. Real hub (embedded broker, SQLite) and the
 * test location's real node, made a VO location of Kwintes here.
 */
class AcceptedHoldAtNodeTest {
    private static final String REGION = """
            regions:
              - code: amersfoort
                name: Regio Amersfoort
                municipalities: [Amersfoort]
                locations:
                  - code: test
                    name: Testlocatie
                    provider: Kwintes
                    municipality: Amersfoort
                    phone: "088 000 0200 (24/7)"
                    secret: true
                    domain: vo
                    groups: [women, families]
                    nodes:
                      - code: test-1
                        beds:
                          - {kind: regular, codes: [T1-T4]}
                          - {kind: crisis, codes: [T5]}
            """;
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    HubWithNode running;
    Node node;
    ApiClient api;

    @BeforeEach
    void start() throws IOException {
        Path region = Files.writeString(dir.resolve("vo.yaml"), REGION);
        running = HubWithNode.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(dir.resolve("hub"))
                .region(region).httpRateLimit(0).build(), dir.resolve("node")).live();
        node = running.node();
        api = new ApiClient(running.hub()::httpPort, "demo");
        api.logIn("veiligthuis");
        api.logIn("vo-desk");
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void a_hold_the_vo_desk_placed_reaches_the_node_as_an_expected_arrival_that_night_staff_cannot_refuse() {
        UUID hold = placedReferral("T5");
        IncomingHold incoming = await().atMost(WAIT).until(() -> node.incomingHolds().stream()
                .filter(each -> each.hold().equals(hold)).findFirst().orElse(null), each -> each != null);
        assertTrue(incoming.accepted(), "already accepted at the hub: " + incoming);
        assertTrue(incoming.expected(), "an expected arrival, not a request to answer: " + incoming);
        assertEquals("T5", incoming.bed());

        OperationRefused refusal = assertThrows(OperationRefused.class, () -> node.refuseHold(hold, "Vol"));
        assertTrue(refusal.getMessage().contains("accepted at the hub"), refusal.getMessage());
        assertThrows(OperationRefused.class, () -> node.acceptHold(hold, "T5", "Achterdeur"));
        assertEquals(0, node.pendingCount(), "nothing to send: the kiosk refused it");
        assertEquals("accepted", holdState(hold));

        node.checkIn("T5", "600012345678", null, hold);
        await().atMost(WAIT).until(() -> "fulfilled".equals(holdState(hold)));
        await().atMost(WAIT).until(() -> node.incomingHolds().isEmpty());
    }

    @Test
    void a_hold_the_hub_accepted_for_a_kind_names_no_bed_and_the_check_in_takes_any_free_bed_of_that_kind() {
        UUID hold = placedReferral(null);
        await().atMost(WAIT).until(() -> node.incomingHolds().stream().anyMatch(each -> each.hold().equals(hold)
                && each.expected()));
        node.checkIn("T5", "600012345679", null, hold);
        await().atMost(WAIT).until(() -> "fulfilled".equals(holdState(hold)));
    }

    /** Veilig Thuis refers a mother with a child; the desk places her on the test location's crisis place. */
    private UUID placedReferral(String bed) {
        HttpResponse<String> referred = api.post("/api/v1/referrals", "veiligthuis",
                "{\"desk\":\"Kwintes\",\"adults\":1,\"children\":1}");
        assertEquals(201, referred.statusCode(), referred.body());
        String referral = ApiClient.parse(referred).get("id").asText();
        HttpResponse<String> placed = api.post("/api/v1/referrals/" + referral + "/accept", "vo-desk",
                "{\"site\":\"test\",\"kind\":\"crisis\"" + (bed == null ? "" : ",\"bed\":\"" + bed + "\"")
                        + ",\"instructions\":\"Meld u bij de politie Stadsring\"}");
        assertEquals(200, placed.statusCode(), placed.body());
        // The desk's own holds: this test's hub has one per referral, the newest first.
        JsonNode holds = ApiClient.parse(api.get("/api/v1/holds", "vo-desk")).get("holds");
        return UUID.fromString(holds.get(0).get("id").asText());
    }

    private String holdState(UUID hold) {
        JsonNode answer = ApiClient.parse(api.get("/api/v1/holds/" + hold, "vo-desk"));
        return answer.get("state").asText();
    }
}
