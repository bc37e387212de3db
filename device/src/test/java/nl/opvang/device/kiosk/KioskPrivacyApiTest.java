package nl.opvang.device.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rights requests at the kiosk (issue 17, docs/DESIGN.md §5) against a real node, SQLite and broker: behind the PIN
 * and the PIN once more, the token sent as for a check-in and never the pass, a reference to quote, the location's own
 * counts and dates for access, and an erasure carried out in the node's journal once the hub has acknowledged it.
 */
class KioskPrivacyApiTest {
    private static final String PASS = "80412345";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private KioskFixture fixture;
    private KioskClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = new KioskFixture(dir, Duration.ofMinutes(3));
        client = new KioskClient(fixture.kiosk.uri());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private String request(String right, String pin) {
        return "{\"right\":\"" + right + "\",\"pass\":\"" + PASS + "\",\"pin\":\"" + pin + "\"}";
    }

    private String checkInToken() {
        return fixture.atHub.stream().map(NodeMessage::payload).filter(Payload.CheckIn.class::isInstance)
                .map(p -> ((Payload.CheckIn) p).token()).findFirst().orElseThrow();
    }

    @Test
    void an_access_request_sends_the_token_never_the_pass_and_shows_a_reference_and_this_locations_counts()
            throws Exception {
        client.unlock(KioskFixture.PIN);
        assertEquals(200, client.post("/api/check-in", "{\"bed\":\"A1\",\"pass\":\"" + PASS + "\"}").status());
        assertEquals(200, client.post("/api/check-out", "{\"bed\":\"A1\",\"pass\":\"" + PASS + "\"}").status());

        KioskClient.Answer answer = client.post("/api/privacy", request("access", KioskFixture.PIN));

        assertEquals(200, answer.status(), answer.body());
        String reference = answer.json().get("reference").asText();
        assertTrue(reference.matches("P-[0-9A-F]{4}-[0-9A-F]{4}"), reference);
        String message = answer.json().get("message").asText();
        assertTrue(message.contains("Kenmerk: " + reference), message);
        assertTrue(message.contains("1 keer ingecheckt, 1 keer uitgecheckt"), message);
        await().atMost(WAIT).until(() -> fixture.atHub.stream().anyMatch(m -> m.payload() instanceof Payload.PrivacyRequest));
        Payload.PrivacyRequest sent = fixture.atHub.stream().map(NodeMessage::payload)
                .filter(Payload.PrivacyRequest.class::isInstance).map(Payload.PrivacyRequest.class::cast).findFirst()
                .orElseThrow();
        assertEquals("access", sent.right());
        assertEquals(checkInToken(), sent.token(), "the same token as the check-in");
        assertEquals(reference, sent.reference());
        assertTrue(fixture.outbox().stream().noneMatch(row -> row.contains(PASS)), "the pass number is nowhere stored");
    }

    @Test
    void a_wrong_pin_is_refused_in_dutch_and_nothing_is_sent_or_stored() throws Exception {
        client.unlock(KioskFixture.PIN);
        KioskClient.Answer answer = client.post("/api/privacy", request("erasure", "0000"));
        assertEquals(403, answer.status());
        assertEquals("Verkeerde pincode. Er is niets verstuurd.", answer.json().get("error").asText());
        assertEquals(0, fixture.outboxCount("privacy_request"));
        assertEquals(400, client.post("/api/privacy", request("alles", KioskFixture.PIN)).status());
        assertEquals(0, fixture.outboxCount("privacy_request"));
    }

    @Test
    void a_locked_kiosk_sends_no_request() throws Exception {
        assertEquals(401, client.post("/api/privacy", request("access", KioskFixture.PIN)).status());
        assertEquals(0, fixture.outboxCount("privacy_request"));
    }

    @Test
    void an_erasure_removes_the_token_from_the_journal_once_the_hub_acknowledged_it_and_keeps_the_rows()
            throws Exception {
        client.unlock(KioskFixture.PIN);
        assertEquals(200, client.post("/api/check-in", "{\"bed\":\"A1\",\"pass\":\"" + PASS + "\"}").status());
        assertEquals(200, client.post("/api/check-out", "{\"bed\":\"A1\",\"pass\":\"" + PASS + "\"}").status());
        assertEquals(200, client.post("/api/privacy", request("erasure", KioskFixture.PIN)).status());
        await().atMost(WAIT).until(() -> fixture.atHub.stream().anyMatch(m -> m.payload() instanceof Payload.PrivacyRequest));
        String token = checkInToken();
        int rows = fixture.outbox().size();
        assertEquals(3, fixture.outbox().stream().filter(row -> row.contains(token)).count(), "kept until acknowledged");

        long last = fixture.atHub.stream().mapToLong(m -> m.envelope().seq()).max().orElseThrow();
        long checkOut = fixture.atHub.stream().filter(m -> m.payload() instanceof Payload.CheckOut)
                .mapToLong(m -> m.envelope().seq()).findFirst().orElseThrow();
        // The hub refuses the check-out: the node keeps that copy whole for support, with the token.
        fixture.ack(last, List.of(new Ack.Rejection(checkOut, "test refusal")));

        await().atMost(WAIT).until(() -> fixture.outbox().stream().noneMatch(row -> row.contains(token)));
        assertEquals(0, fixture.count("SELECT count(*) FROM rejection WHERE payload LIKE '%" + token + "%'"),
                "nor in the refused copy");
        assertEquals(1, fixture.count("SELECT count(*) FROM rejection"));
        assertEquals(rows, fixture.outbox().size(), "the journal keeps its rows: a restored hub can still ask for them");
        KioskClient.Answer access = client.post("/api/privacy", request("access", KioskFixture.PIN));
        assertTrue(access.json().get("message").asText().contains("Op deze locatie: niets gevonden."), access.body());
        assertFalse(access.body().contains(PASS));
        // No probing at the kiosk either: a pass number never used here gets the very same answer.
        KioskClient.Answer never = client.post("/api/privacy", "{\"right\":\"access\",\"pass\":\"80400000\",\"pin\":\""
                + KioskFixture.PIN + "\"}");
        assertEquals(withoutReference(access), withoutReference(never));
    }

    private static String withoutReference(KioskClient.Answer answer) {
        return answer.json().get("message").asText().replace(answer.json().get("reference").asText(), "P-…");
    }
}
