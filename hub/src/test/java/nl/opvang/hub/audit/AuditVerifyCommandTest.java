package nl.opvang.hub.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.testkit.MutableClock;
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
        anchors = new AuditAnchors(data, audit, database, clock);
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
        anchors.write();

        assertEquals(0, verify("--data", data.toString()));
        assertEquals("audit log intact: 5 entries, head 5 " + head, firstLine());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 anchors checked"));
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
        anchors.write();
        clock.advance(Duration.ofDays(1));
        database.transaction(connection -> audit.append(connection, "ct-1", "secret.read", "kw-jm", "reason"));
        anchors.writeDaily();

        rewriteChain(6, "a quieter reason");

        assertEquals(2, verify("--data", data.toString(), "--anchor", data.resolve("elsewhere.txt").toString()),
                "a named anchor file that does not exist is an error, not a pass");
        assertTrue(audit.verify(database, List.of()).intact(), "the rewritten chain is consistent in itself");
        assertEquals(1, verify("--data", data.toString()));
        assertEquals("audit log broken at entry 5: differs from the anchor of 2026-11-22 written outside the database: "
                + "the chain was rewritten", firstLine());
    }

    @Test
    void a_chain_cut_below_an_anchor_is_caught() throws SQLException {
        anchors.write();
        try (Connection raw = raw(); Statement statement = raw.createStatement()) {
            statement.executeUpdate("DROP TRIGGER audit_no_delete");
            statement.executeUpdate("DELETE FROM audit WHERE seq > 3");
        }

        assertEquals(1, verify("--data", data.toString()));
        assertEquals("audit log broken at entry 5: the anchored entry is gone: the chain was cut", firstLine());
    }

    @Test
    void the_anchor_file_gets_one_line_a_day_as_date_seq_hash() throws IOException {
        assertTrue(anchors.writeDaily());
        assertFalse(anchors.writeDaily(), "once a day");
        clock.advance(Duration.ofMinutes(30));
        assertFalse(anchors.writeDaily(), "23:30 in Amsterdam is still the same day");
        clock.advance(Duration.ofHours(1));
        assertTrue(anchors.writeDaily(), "00:30 in Amsterdam is a new day, though it is still 22 November in UTC");

        List<String> lines = Files.readAllLines(anchors.file());
        String head = audit.head(database).orElseThrow().hash();
        assertEquals(List.of("2026-11-22 5 " + head, "2026-11-23 5 " + head), lines);
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
            statement.executeUpdate("DROP TRIGGER audit_no_delete");
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
