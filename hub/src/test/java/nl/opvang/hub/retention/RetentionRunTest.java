package nl.opvang.hub.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.sql.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's retention run removes what the {@link RetentionTable} promises, and nothing newer (docs/DESIGN.md §5,
 * issue 17): on a real SQLite file, with a clock the test moves 100 days between the old rows and the new ones.
 */
class RetentionRunTest {
    /** Stays 30 days, ended holds 60, closed waiting-list entries 90: all shorter than the 100 days the clock moves. */
    private static final RetentionPeriods PERIODS = RetentionPeriods.parse("holds=60,waitlist=90", 30);

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
        retention = new Retention(hub.database, audit, hub.clock, PERIODS);
        hub.deliver(node.testBirth(), node.checkIn("T1", Messages.token(1)));
        insert("INSERT INTO account (id, username, display_name, role, password_hash, created_ms) VALUES"
                + " (1, 'ct-jan', 'Jan de Vries', 'ct', 'x', ?)", now());
        // The old rows, 100 days before the run.
        hold("old-ended", "expired", null);
        hold("old-active", "accepted", "sealed-active");
        hold("old-named", "refused", null);
        entry("w-old-closed", "closed", null);
        referral("r-old-refused", "refused", null);
        referral("r-old-accepted", "accepted", "old-active");
        entry("w-old-waiting", "waiting", null);
        insert("INSERT INTO account_session (token_hash, account_id, kind, created_ms, expires_ms, last_used_ms)"
                + " VALUES ('expired', 1, 'web', ?, ?, ?)", now(), now() + Duration.ofHours(12).toMillis(), now());
        insert("INSERT INTO login_failure (subject, at_ms) VALUES ('user:ct-jan', ?)", now());
        insert("INSERT INTO login_address (username, address, last_ok_ms) VALUES ('ct-jan', '192.0.2.1', ?)", now());

        hub.clock.advance(Duration.ofDays(100));
        // The new rows, just before the run.
        hub.deliver(node.checkIn("T2", Messages.token(2)));
        hold("new-ended", "fulfilled", "left-behind");
        referral("r-new-ended", "ended", "new-ended");
        // Closed just now, it names an old hold: that hold stays as long as the entry does.
        entry("w-new-closed", "closed", "old-named");
        insert("INSERT INTO account_session (token_hash, account_id, kind, created_ms, expires_ms, last_used_ms)"
                + " VALUES ('live', 1, 'web', ?, ?, ?)", now(), now() + Duration.ofHours(12).toMillis(), now());
        insert("INSERT INTO login_failure (subject, at_ms) VALUES ('user:ct-jan', ?)", now() - 60_000);
        insert("INSERT INTO login_address (username, address, last_ok_ms) VALUES ('ct-jan', '192.0.2.2', ?)", now());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void the_run_removes_what_the_table_promises_and_nothing_newer() {
        Retention.Result stays = retention.run("hub");

        assertEquals(new Retention.Result(1, 1), stays, "token 1's check-in; token 2 is 0 days old");
        assertEquals(List.of(Messages.token(2)), strings("SELECT token FROM token"));
        assertEquals(List.of("new-ended", "old-active", "old-named"), strings("SELECT id FROM hold ORDER BY id"),
                "the old ended hold goes; an active one, a new one and one a kept entry names stay");
        assertNull(strings("SELECT instructions FROM hold WHERE id = 'new-ended'").get(0),
                "an ended hold keeps no instructions");
        assertEquals(List.of("sealed-active"), strings("SELECT instructions FROM hold WHERE id = 'old-active'"));
        assertEquals(List.of("w-new-closed", "w-old-waiting"), strings("SELECT id FROM waitlist_entry ORDER BY id"),
                "a closed entry goes after its period; a waiting one never");
        assertEquals(List.of("r-new-ended", "r-old-accepted"), strings("SELECT id FROM referral ORDER BY id"),
                "an ended referral goes after the holds' period; a running one stays");
        assertEquals(List.of("live"), strings("SELECT token_hash FROM account_session"));
        assertEquals(1, hub.count("SELECT count(*) FROM login_failure"));
        assertEquals(List.of("192.0.2.2"), strings("SELECT address FROM login_address"));

        List<String> details = audit.entries(hub.database, Retention.RUN, 10).stream().map(AuditLog.Entry::detail).toList();
        assertEquals("deleted 1 ended holds, 1 ended referrals, 1 closed waiting-list entries, 1 expired sessions, 1 failed logins,"
                + " 1 login addresses; cleared 1 instructions of ended holds", details.get(0));
        assertEquals(2, details.size(), "the token links and the rest: " + details);
        for (String detail : details) {
            for (String personal : List.of(Messages.token(1), "ct-jan", "Jan", "192.0.2", "K-", "old-ended")) {
                assertFalse(detail.contains(personal), detail);
            }
        }
    }

    @Test
    void a_second_run_removes_nothing_more_and_leaves_no_audit_entry() {
        retention.run("hub");
        long holds = hub.count("SELECT count(*) FROM hold");
        long entries = hub.count("SELECT count(*) FROM waitlist_entry");

        assertEquals(new Retention.Result(0, 0), retention.run("hub"));
        assertEquals(holds, hub.count("SELECT count(*) FROM hold"));
        assertEquals(entries, hub.count("SELECT count(*) FROM waitlist_entry"));
        assertEquals(2, audit.entries(hub.database, Retention.RUN, 10).size());
    }

    @Test
    void the_table_shows_the_periods_the_run_uses() {
        RetentionTable table = retention.table();

        assertEquals(List.of(30, 60, 90), List.of("stays", "holds", "waitlist").stream().map(kind -> table.rules().stream()
                .filter(rule -> rule.kind().equals(kind)).findFirst().orElseThrow().days()).toList());
        assertEquals("60 dagen na de aanvraag, als die is afgelopen", table.rules().stream()
                .filter(rule -> rule.kind().equals("holds")).findFirst().orElseThrow().period());
    }

    private long now() {
        return hub.clock.millis();
    }

    private void hold(String id, String state, String instructions) {
        insert("INSERT INTO hold (id, site, node, kind, state, requester_id, requester_name, requester_role, created_ms,"
                + " expires_ms, instructions) VALUES (?, 'test', 'test-1', 'regular', ?, 1, 'Jan de Vries', 'ct', ?, ?, ?)",
                id, state, now(), now() + 3_600_000, instructions);
    }

    private void referral(String id, String state, String hold) {
        insert("INSERT INTO referral (id, desk, region, urgency, adults, children, state, requester_id, requester_name,"
                + " created_ms, respond_by_ms, hold) VALUES (?, 'Kwintes', 'amersfoort', 'today', 1, 2, ?, 1, 'Jan de Vries',"
                + " ?, ?, ?)", id, state, now(), now() + 900_000, hold);
    }

    private void entry(String id, String state, String hold) {
        boolean closed = state.equals("closed");
        insert("INSERT INTO waitlist_entry (id, reference, need, decided_on, priority, origin, state, hold, created_ms,"
                + " changed_ms, closed_ms, close_reason) VALUES (?, ?, 'regular', '2026-11-01', 'normal', '0307', ?, ?, ?,"
                + " ?, ?, ?)", id, "K-" + id, state, hold, now(), now(), closed ? now() : null, closed ? "no_longer_needed" : null);
    }

    private void insert(String sql, Object... parameters) {
        hub.database.transaction(connection -> Sql.update(connection, sql, parameters));
    }

    private List<String> strings(String sql) {
        return hub.database.read(connection -> Sql.list(connection, sql, row -> row.getString(1)));
    }
}
