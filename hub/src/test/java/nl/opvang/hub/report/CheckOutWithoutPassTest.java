package nl.opvang.hub.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.monitoring.Answer;
import nl.opvang.hub.monitoring.Figure;
import nl.opvang.hub.monitoring.Monitoring;
import nl.opvang.hub.retention.Retention;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A check-out without the pass (issue #15 item 8: the pass is lost, or the guest left; staff confirmed with their PIN
 * at the kiosk) ends the stay on that bed and is counted as such: in the monitoring ledger ({@code monitor_stay} ended
 * {@code without_pass}, the destinations figure's row {@code without_pass}) and on the CT's occupancy report and its
 * CSV. Events go through the real ingest on a real SQLite file.
 */
class CheckOutWithoutPassTest {
    @TempDir
    Path dataDir;
    HubStoreFixture hub;
    final Messages node = new Messages("test", "test-1");

    @BeforeEach
    void stays() {
        hub = new HubStoreFixture(dataDir);
        hub.deliver(node.testBirth()); // 22 Nov 23:00 Amsterdam: the night of 22 Nov
        hub.deliver(node.checkIn("T1", Messages.token(1)), node.checkIn("T2", Messages.token(2)),
                node.checkIn("T3", Messages.token(3)));
        hub.clock.advance(Duration.between(hub.clock.instant(), Instant.parse("2026-11-23T07:00:00Z")));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_check_out_without_the_pass_ends_the_stay_on_that_bed_and_is_counted() throws IOException {
        hub.deliver(withoutPass("T1", 1), node.checkOut("T3", Messages.token(3)));

        assertEquals(1, hub.count("SELECT COUNT(*) FROM monitor_stay WHERE place = 'T1' AND ended = 'without_pass'"));
        assertEquals(1, hub.count("SELECT COUNT(*) FROM monitor_stay WHERE place = 'T3' AND ended = 'check_out'"),
                "a check-out with the pass is an ordinary one");
        assertEquals(1, hub.count("SELECT COUNT(*) FROM monitor_stay WHERE ended IS NULL"), "only T2 is still there");

        Answer destinations = new Monitoring(hub.database, hub.registry,
                RegionFile.resource(RegionFile.SEED).municipalities(), hub.clock)
                .answer(Figure.DESTINATIONS, Map.of("maand", "2026-11")::get, false);
        assertEquals("destinations/v2", destinations.definition());
        assertEquals(1, count(destinations, "without_pass"));
        assertEquals(2, count(destinations, "onbekend"), "both checked out, neither gave a destination");
        assertEquals("Uitgecheckt zonder pas", destinations.rows().stream()
                .filter(row -> row.code().equals("without_pass")).findFirst().orElseThrow().label());

        OccupancyReport.Answer report = new OccupancyReport(hub.database, hub.registry, hub.clock).lastWeeks(1);
        OccupancyReport.Night night = night(report, "2026-11-22");
        assertEquals(1, night.withoutPass(), "counted on the night it happened (12:00 to 12:00)");
        assertEquals(0, night(report, "2026-11-21").withoutPass());
        assertEquals(1, night.locations().stream().filter(location -> location.code().equals("test"))
                .mapToInt(OccupancyReport.LocationNight::withoutPass).sum());

        List<CSVRecord> csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(OccupancyReport.csv(report))).getRecords();
        CSVRecord total = csv.stream().filter(row -> row.get("naam").equals("Regio totaal")).findFirst().orElseThrow();
        assertEquals("2026-11-22", total.get("nacht"));
        assertEquals("1", total.get("uitgecheckt_zonder_pas"));
    }

    @Test
    void the_stay_ends_by_bed_even_when_the_hub_no_longer_knows_the_token() {
        new Retention(hub.database, new AuditLog(hub.clock), hub.clock).forget(Messages.token(2), "test");

        hub.deliver(withoutPass("T2", 2));

        assertEquals(1, hub.count("SELECT COUNT(*) FROM monitor_stay WHERE place = 'T2' AND ended = 'without_pass'"),
                "the deletion request removed the token link; staff picked the bed");
        assertFalse(hub.count("SELECT COUNT(*) FROM monitor_stay WHERE place = 'T2' AND ended IS NULL") > 0);
        assertEquals(1, night(new OccupancyReport(hub.database, hub.registry, hub.clock).lastWeeks(1), "2026-11-22")
                .withoutPass());
    }

    private NodeMessage withoutPass(String bed, int token) {
        return node.next(new Payload.CheckOut(bed, null, Messages.token(token), null, true));
    }

    private static OccupancyReport.Night night(OccupancyReport.Answer report, String night) {
        return report.nights().stream().filter(n -> n.night().toString().equals(night)).findFirst().orElseThrow();
    }

    private static long count(Answer answer, String code) {
        return answer.rows().stream().filter(row -> row.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + code + " in " + answer.rows())).cell().count();
    }
}
