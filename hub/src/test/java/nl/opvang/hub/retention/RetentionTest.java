package nl.opvang.hub.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.ops.OpsCommand;
import nl.opvang.hub.report.OccupancyRecorder;
import nl.opvang.hub.report.OccupancyReport;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention and deletion requests on a real SQLite file with a clock the test moves (docs/DESIGN.md §5, issue #7). */
class RetentionTest {
    private static final LocalDate NIGHT = LocalDate.parse("2026-11-22");

    @TempDir
    Path dataDir;
    HubStoreFixture hub;
    AuditLog audit;
    Retention retention;
    final Messages node = new Messages("test", "test-1");

    @BeforeEach
    void start() {
        hub = new HubStoreFixture(dataDir);
        audit = new AuditLog(hub.clock);
        retention = new Retention(hub.database, audit, hub.clock);
        hub.deliver(node.testBirth());
        // Two regular stays (one still open) and one crisis stay, on the night of 22 November.
        hub.deliver(node.checkIn("T1", Messages.token(1)), node.checkOut("T1", Messages.token(1)),
                node.checkIn("T2", Messages.token(2)), node.checkIn("T5", Messages.token(3)));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void stays_older_than_the_period_become_anonymous_counts_and_lose_their_token_link() {
        long events = hub.count("SELECT count(*) FROM event");
        hub.clock.advance(Duration.ofDays(31));
        hub.deliver(node.checkOut("T2", Messages.token(2)));

        Retention.Result result = retention.reduceOlderThan(Duration.ofDays(30), "test");

        assertEquals(4, result.unlinked(), "the four old check-ins and check-outs");
        assertEquals(2, result.tokensDeleted(), "tokens 1 and 3; token 2 is still linked by its recent check-out");
        assertEquals(events + 1, hub.count("SELECT count(*) FROM event"), "the event log keeps every event");
        assertEquals(1, hub.count("SELECT count(*) FROM event WHERE token_id IS NOT NULL"));
        assertEquals(1, hub.count("SELECT count(*) FROM token"));
        assertEquals(List.of(new Retention.StayCount(NIGHT, "test", "crisis", 1, 0),
                new Retention.StayCount(NIGHT, "test", "regular", 2, 1)), retention.counts());
        AuditLog.Entry entry = audit.entries(hub.database, Retention.RUN, 10).get(0);
        assertEquals("test", entry.actor());
        assertTrue(entry.detail().contains("unlinked 4 events"), entry.detail());
        assertTrue(audit.verify(hub.database, null, null).intact());
    }

    @Test
    void a_second_run_counts_nothing_twice_and_leaves_no_audit_entry() {
        hub.clock.advance(Duration.ofDays(31));
        retention.reduceOlderThan(Duration.ofDays(30), "test");
        List<Retention.StayCount> counts = retention.counts();

        Retention.Result again = retention.reduceOlderThan(Duration.ofDays(30), "test");

        assertEquals(new Retention.Result(0, 0), again);
        assertEquals(counts, retention.counts());
        assertEquals(1, audit.entries(hub.database, Retention.RUN, 10).size());
    }

    @Test
    void a_run_in_small_batches_unlinks_and_counts_the_same() {
        hub.clock.advance(Duration.ofDays(31));

        Retention.Result result = new Retention(hub.database, audit, hub.clock, RetentionPeriods.DEFAULTS, 3)
                .reduceOlderThan(Duration.ofDays(30), "test");

        assertEquals(new Retention.Result(4, 3), result, "the four linked events, in batches of 3 and 1");
        assertEquals(0, hub.count("SELECT count(*) FROM event WHERE token_id IS NOT NULL"));
        assertEquals(List.of(new Retention.StayCount(NIGHT, "test", "crisis", 1, 0),
                new Retention.StayCount(NIGHT, "test", "regular", 2, 1)), retention.counts());
        assertEquals(1, audit.entries(hub.database, Retention.RUN, 10).size(), "one audit entry for the whole run");
    }

    @Test
    void nothing_younger_than_the_period_is_touched() {
        hub.clock.advance(Duration.ofDays(29));

        assertEquals(new Retention.Result(0, 0), retention.reduceOlderThan(Duration.ofDays(30), "test"));
        assertEquals(4, hub.count("SELECT count(*) FROM event WHERE token_id IS NOT NULL"));
        assertEquals(List.of(), retention.counts());
        assertTrue(audit.entries(hub.database, Retention.RUN, 10).isEmpty());
    }

    @Test
    void the_occupancy_report_answers_the_same_after_retention() {
        OccupancyRecorder recorder = new OccupancyRecorder(hub.database, hub.projection, hub.clock);
        recorder.sample();
        hub.clock.advance(Duration.ofDays(2));
        OccupancyReport report = new OccupancyReport(hub.database, hub.registry, hub.clock);
        OccupancyReport.Answer before = report.lastWeeks(1);
        assertTrue(before.nights().stream().anyMatch(night -> night.night().equals(NIGHT) && night.occupied() >= 2),
                "the report has the sampled night: " + before);

        retention.reduceOlderThan(Duration.ofDays(1), "test");

        assertEquals(0, hub.count("SELECT count(*) FROM token"));
        assertEquals(before, report.lastWeeks(1));
    }

    @Test
    void a_deletion_request_removes_one_tokens_links_at_once_and_is_audited_without_the_token() throws IOException {
        Retention.Result result = retention.forget(Messages.token(1), "admin");

        assertEquals(new Retention.Result(2, 1), result);
        assertEquals(0, hub.count("SELECT count(*) FROM token WHERE token = '" + Messages.token(1) + "'"));
        assertEquals(2, hub.count("SELECT count(*) FROM token"), "other tokens keep their links");
        assertEquals(List.of(new Retention.StayCount(NIGHT, "test", "regular", 1, 1)), retention.counts());
        AuditLog.Entry entry = audit.entries(hub.database, Retention.FORGET, 10).get(0);
        assertEquals("admin", entry.actor());
        assertFalse(String.valueOf(entry.subject()).contains(Messages.token(1)));
        assertFalse(entry.detail().contains(Messages.token(1)));
        hub.close(); // the last connection checkpoints the WAL into the file and removes it
        assertFalse(contains(dataDir.resolve("hub.db"), Messages.token(1)),
                "the token's bytes are overwritten, not left in a free page");
        assertTrue(contains(dataDir.resolve("hub.db"), Messages.token(2)), "the search would find a token that is there");
        hub.open();
    }

    @Test
    void forgetting_an_unknown_token_changes_nothing_but_is_audited() {
        assertEquals(new Retention.Result(0, 0), retention.forget("k1:unknown", "admin"));
        assertEquals(4, hub.count("SELECT count(*) FROM event WHERE token_id IS NOT NULL"));
        assertEquals("no such token: nothing linked", audit.entries(hub.database, Retention.FORGET, 10).get(0).detail());
    }

    @Test
    void the_ops_subcommands_run_retention_and_deletion_on_the_data_folder() {
        hub.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpsCommand ops = new OpsCommand(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Clock.systemUTC());

        int forget = ops.run(new String[] {"forget-token", "--data", dataDir.toString(), "--token", Messages.token(3)});
        int keep = ops.run(new String[] {"retention", "--data", dataDir.toString(), "--older-than-days", "36500"});
        int wrong = ops.run(new String[] {"retention", "--data", dataDir.toString(), "--older-than-days", "soon"});

        hub.open();
        assertEquals(0, forget);
        assertEquals(0, keep);
        assertEquals(2, wrong);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("forget-token: unlinked 1 events and deleted the token"),
                out.toString(StandardCharsets.UTF_8));
        assertEquals(3, hub.count("SELECT count(*) FROM event WHERE token_id IS NOT NULL"));
        assertEquals("ops", new AuditLog(hub.clock).entries(hub.database, Retention.FORGET, 10).get(0).actor());
    }

    private static boolean contains(Path file, String text) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    }
}
