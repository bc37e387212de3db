package nl.opvang.device.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import nl.opvang.device.node.OperationRefused;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: an expected arrival (a hold the hub sent already accepted) on a kind without beds here, the noodbedden: the
 * check-in names the hold and the kind; an answer to it is refused at the node, in Dutch on the kiosk; a request the
 * hub later sends accepted becomes an expected arrival. Real node, real broker.
 */
class KioskExpectedArrivalTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private KioskFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new KioskFixture(dir, Duration.ofMinutes(3));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void an_expected_arrival_on_a_noodbed_is_checked_in_by_its_kind_and_cannot_be_refused() throws Exception {
        fixture.node.openNood(1, Instant.now().plus(Duration.ofHours(12)), "kiosk");
        UUID hold = UUID.randomUUID();
        fixture.command(new Command.Hold(hold, Kind.NOOD, null, Instant.now().plus(Duration.ofHours(2)),
                "de vrouwenopvang", true));
        await().atMost(WAIT).until(() -> fixture.node.incomingHolds().stream()
                .anyMatch(each -> each.hold().equals(hold) && each.expected() && each.accepted()));

        OperationRefused refused = assertThrows(OperationRefused.class, () -> fixture.node.refuseHold(hold, "Vol"));
        assertEquals("Deze plaatsing is al geaccepteerd: check de persoon in bij aankomst", Dutch.refusal(refused.getMessage()));

        fixture.node.checkInHold(hold, null, "600012345678", null);
        assertTrue(fixture.outbox().stream().anyMatch(row -> row.startsWith("check_in ") && row.contains("\"kind\":\"nood\"")
                && row.contains("\"hold\":\"" + hold + "\"")), fixture.outbox().toString());
        assertTrue(fixture.node.incomingHolds().isEmpty(), "the check-in fulfils it here at once");
    }

    @Test
    void a_request_the_hub_accepts_later_becomes_an_expected_arrival_with_the_bed_it_names() throws Exception {
        UUID hold = UUID.randomUUID();
        Instant until = Instant.now().plus(Duration.ofHours(2));
        fixture.command(new Command.Hold(hold, Kind.REGULAR, null, until, "CT"));
        await().atMost(WAIT).until(() -> !fixture.node.incomingHolds().isEmpty());
        assertTrue(!fixture.node.incomingHolds().get(0).expected(), "a request first");

        fixture.command(new Command.Hold(hold, Kind.REGULAR, "A2", until, "CT", true));
        await().atMost(WAIT).until(() -> fixture.node.incomingHolds().get(0).expected());
        assertEquals("A2", fixture.node.incomingHolds().get(0).bed());
        assertEquals(1, fixture.node.incomingHolds().size());
    }
}
