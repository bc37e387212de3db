package nl.opvang.hub.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.opvang.hub.store.Database;
import nl.opvang.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyCommandTest {
    @TempDir
    Path data;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T22:00:00Z"));
    final AuditLog audit = new AuditLog(clock);
    Database database;
    AuditAnchors anchors;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void open() {
        database = Database.open(data);
        anchors = new AuditAnchors(data.resolve(AuditAnchors.FILE_NAME), database, new AuditLog(clock), clock);
        anchors.start();
        for (int i = 1; i <= 5; i++) {
            String subject = "kw-vo";
            database.transaction(connection -> audit.append(connection, "ct-" + subject, "secret.read", subject, "reason"));
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    private int verify(String... args) {
        out.reset();
        err.reset();
        return AuditVerifyCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String firstLine() {
        return out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    @Test
    void an_untouched_log_is_reported_intact_with_its_head() {
        String head = audit.head(database).orElseThrow().hash();

        assertEquals(0, verify("--data", data.toString()));
        assertEquals("audit log intact: 5 entries, head 5 " + head, firstLine());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("5 anchors checked"), "one per write");
    }

    @Test
    void a_changed_entry_is_named_even_with_the_triggers_dropped() throws SQLException {
        try (Connection raw = raw(); Statement statement = raw.createStatement()) {
            statement.executeUpdate("DROP TRIGGER audit_no_update");
            statement.executeUpdate("UPDATE audit SET detail = 'nothing to see' WHERE seq = 3");
        }

        assertEquals(1, verify("--data", data.toString()));
        assertEquals("audit log broken at entry 3: its content was changed", firstLine());
    }

    @Test
    void a_whole_chain_rewritten_consistently_is_caught_by_the_anchor_file() throws SQLException {
        clock.advance(Duration.ofDays(1));
        database.transaction(connection -> audit.append(connection, "ct-1", "secret.read", "kw-jm", "reason"));

        rewriteChain(6, "a quieter reason");

        assertEquals(2, verify("--data", data.toString(), "--anchor", data.resolve("elsewhere.txt").toString()),
                "a named anchor file that does not exist is an error, not a pass");
        assertTrue(audit.verify(database, List.of()).intact(), "the rewritten chain is consistent in itself");
        assertEquals(1, verify("--data", data.toString()));
        assertEquals("audit log broken at entry 1: differs from the anchor of 2026-11-22T22:00:00Z written outside the "
                + "database: the chain was rewritten", firstLine());
    }

    @Test
    void a_chain_cut_below_an_anchor_is_caught() throws SQLException {
        try (Connection raw = raw(); Statement statement = raw.createStatement()) {
            statement.executeUpdate("DROP TRIGGER audit_no_delete");
            statement.executeUpdate("DELETE FROM audit WHERE seq > 3");
        }

        assertEquals(1, verify("--data", data.toString()));
        assertEquals("audit log broken at entry 4: entries 4 to 5 are gone: the anchor file names entry 5; the chain's "
                + "head was cut", firstLine());
    }

    @Test
    void a_missing_or_emptied_anchor_file_beside_a_log_with_entries_is_a_failure_not_a_pass() throws IOException {
        Files.delete(anchors.file());

        assertEquals(1, verify("--data", data.toString()));
        assertTrue(firstLine().startsWith("audit log cannot be checked: the anchor file "), firstLine());
        assertTrue(firstLine().endsWith("is missing while the database holds 5 entries: nothing shows where the chain's "
                + "head was"), firstLine());

        Files.writeString(anchors.file(), "");
        assertEquals(1, verify("--data", data.toString()), "an emptied file is no better");
        assertTrue(firstLine().contains("holds no anchor while the database holds 5 entries"), firstLine());
    }

    @Test
    void an_old_daily_anchor_line_with_a_date_is_still_read() throws IOException {
        String head = audit.head(database).orElseThrow().hash();
        Files.writeString(anchors.file(), "2026-11-21 0 " + AuditLog.GENESIS + "\n2026-11-22 5 " + head + "\n");

        assertEquals(0, verify("--data", data.toString()), out.toString(StandardCharsets.UTF_8));
        Files.writeString(anchors.file(), "2026-11-22 5 " + head + " and more\n");
        assertEquals(1, verify("--data", data.toString()), "an anchor file that cannot be read proves nothing");
        assertTrue(firstLine().startsWith("audit log cannot be checked: line 1 of"), firstLine());
    }

    @Test
    void a_line_torn_by_a_power_cut_is_skipped_and_the_next_anchor_starts_a_line_of_its_own() throws IOException, SQLException {
        String head = audit.head(database).orElseThrow().hash();
        Files.writeString(anchors.file(), "2026-11-22T22:00:00Z 6 3fa9", StandardOpenOption.APPEND);
        assertEquals(0, verify("--data", data.toString()), out.toString(StandardCharsets.UTF_8));

        database.transaction(connection -> audit.append(connection, "ct-1", "secret.read", "kw-jm", "reason"));
        Files.writeString(anchors.file(), "\u0000\u0000\u0000\u0000", StandardOpenOption.APPEND);

        assertEquals(0, verify("--data", data.toString()), out.toString(StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(anchors.file());
        assertEquals(List.of("2026-11-22T22:00:00Z 5 " + head, "2026-11-22T22:00:00Z 6 3fa9",
                "2026-11-22T22:00:00Z 6 " + audit.head(database).orElseThrow().hash(), "\u0000".repeat(4)),
                lines.subList(lines.size() - 4, lines.size()));
        try (Connection raw = raw(); Statement statement = raw.createStatement()) {
            statement.executeUpdate("DROP TRIGGER audit_no_delete");
            statement.executeUpdate("DELETE FROM audit WHERE seq = 6");
        }
        assertEquals(1, verify("--data", data.toString()), "the whole line after the fragment still counts");
    }

    @Test
    void a_restore_line_lets_the_chain_end_below_older_anchors_but_not_differ_below_it() throws SQLException, IOException {
        try (Connection raw = raw(); Statement statement = raw.createStatement()) {
            statement.executeUpdate("DROP TRIGGER audit_no_delete");
            statement.executeUpdate("DELETE FROM audit WHERE seq > 3");
        }
        assertEquals(1, verify("--data", data.toString()));

        AuditLog.Verification recorded = AuditAnchors.recordRestore(anchors.file(), database, clock, "hub-Mon.db");

        assertTrue(recorded.intact(), recorded.toString());
        assertEquals(0, verify("--data", data.toString()), out.toString(StandardCharsets.UTF_8));
        AuditLog.Entry entry = audit.head(database).orElseThrow();
        assertEquals(4, entry.seq());
        assertEquals(AuditAnchors.RESTORE, entry.action());
        assertEquals("restored from hub-Mon.db up to entry 3; entries 4 to 5 are not in the backup", entry.detail());
        List<String> lines = Files.readAllLines(anchors.file());
        assertTrue(lines.get(lines.size() - 2).matches("\\S+ restore 3 [0-9a-f]{64}"), lines.toString());
        assertTrue(lines.get(lines.size() - 1).matches("\\S+ 4 " + entry.hash()), lines.toString());

        rewriteChain(4, "a restore does not excuse a rewrite below it");
        assertEquals(1, verify("--data", data.toString()));
        assertTrue(firstLine().startsWith("audit log broken at entry 1: differs from the anchor"), firstLine());
    }

    @Test
    void every_committed_audit_write_gets_one_line_time_seq_hash_and_a_rolled_back_one_none() throws IOException {
        List<String> before = Files.readAllLines(anchors.file());
        clock.advance(Duration.ofMinutes(1));
        database.transaction(connection -> audit.append(connection, "ct-1", "secret.read", "kw-jm", "reason"));
        assertThrows(IllegalStateException.class, () -> database.transaction(connection -> {
            audit.append(connection, "ct-1", "secret.read", "kw-jm", "rolled back");
            throw new IllegalStateException("the change this entry belongs to failed");
        }));
        database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("UPDATE schema_version SET version = version");
            }
        });

        List<String> lines = Files.readAllLines(anchors.file());
        AuditLog.Entry head = audit.head(database).orElseThrow();
        assertEquals(6, head.seq());
        assertEquals(before.size() + 1, lines.size(), lines.toString());
        assertEquals("2026-11-22T22:01:00Z 6 " + head.hash(), lines.get(lines.size() - 1));
        assertTrue(lines.get(0).startsWith("2026-11-22T22:00:00Z 1 "), "an empty log anchors nothing: " + lines);
    }

    @Test
    void a_missing_data_folder_or_bad_arguments_exit_with_2_and_one_line() {
        assertEquals(2, verify("--data", data.resolve("nowhere").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("audit-verify: no hub database in"));
        assertEquals(2, verify("--verbose"));
        assertEquals(2, verify());
    }

    private Connection raw() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hub.db").toAbsolutePath());
    }

    /** What a careful attacker with the database file does: every entry rewritten, every hash recomputed. */
    private void rewriteChain(int entries, String detail) throws SQLException {
        try (Connection raw = raw(); Statement statement = raw.createStatement()) {
            statement.executeUpdate("DROP TRIGGER IF EXISTS audit_no_delete");
            statement.executeUpdate("DELETE FROM audit");
            String prev = AuditLog.GENESIS;
            try (PreparedStatement insert = raw.prepareStatement("""
                    INSERT INTO audit (seq, at_ms, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int seq = 1; seq <= entries; seq++) {
                    String hash = AuditLog.hash(prev, seq, 1000L * seq, "ct", "secret.read", "kw-vo", detail);
                    insert.setLong(1, seq);
                    insert.setLong(2, 1000L * seq);
                    insert.setString(3, "ct");
                    insert.setString(4, "secret.read");
                    insert.setString(5, "kw-vo");
                    insert.setString(6, detail);
                    insert.setString(7, prev);
                    insert.setString(8, hash);
                    insert.executeUpdate();
                    prev = hash;
                }
            }
        }
    }
}
