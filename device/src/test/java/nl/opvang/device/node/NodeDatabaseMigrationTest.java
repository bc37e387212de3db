package nl.opvang.device.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import nl.opvang.sql.Migrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's schema under Flyway (docs/DESIGN.md §1): a new database, and a node.db made by the migrations that lived
 * as strings in NodeDatabase before Flyway (kept as they were in {@code before-flyway/}, applied the way that code did,
 * {@code user_version} and all) upgraded in place: every row kept, every text time now epoch milliseconds.
 */
class NodeDatabaseMigrationTest {
    private static final Instant CREATED = Instant.parse("2026-11-20T09:15:00.120Z");
    private static final List<String> TABLES = List.of("meta", "outbox", "bed", "count_place", "processed_command",
            "rejection", "incoming_hold");
    /** The columns that held text times and their new names. */
    private static final Map<String, String> TIMES = Map.of("created", "created_ms", "received", "received_ms",
            "expires_at", "expires_ms");
    /** Columns added by V5, compared on their own: the dump compares what was there before. */
    /** Columns added since (V5 capacity over time, V7 expected arrivals): checked on their own. */
    private static final Set<String> ADDED_BY_V5 = Set.of("count_place.configured", "count_place.target",
            "count_place.until_ms", "count_place.closing", "bed.open", "incoming_hold.expected");
    private static final UUID HOLD = UUID.fromString("7d1c0f52-3c7e-4b8e-9a55-0c6d2e1f4a10");
    private static final UUID COMMAND = UUID.fromString("0b7c2a4e-5f61-4d3a-8e9b-1c2d3e4f5a6b");

    @TempDir
    Path dir;

    @Test
    void a_new_database_gets_the_current_schema_and_a_session() throws Exception {
        try (NodeStore store = open()) {
            assertEquals(36, store.session().length());
            assertEquals(1, store.nextSeq());
        }

        assertEquals(List.of("7"), rows("PRAGMA user_version"), "the old marker, so that older software refuses it");
        assertEquals(List.of("7"), rows("SELECT MAX(CAST(version AS INTEGER)) FROM " + Migrations.HISTORY));
        assertEquals(List.of(Long.toString(CREATED.toEpochMilli())), rows("SELECT created_ms FROM meta"));
    }

    @Test
    void a_database_made_before_flyway_keeps_every_row_and_stores_times_as_epoch_ms() throws Exception {
        String session = beforeFlyway(3);
        fill(session);
        Map<String, List<String>> before = dump();

        try (NodeStore store = open()) {
            assertEquals(session, store.session());
            assertEquals(4, store.nextSeq());
            assertEquals(2, store.pendingCount());
            assertEquals(3, store.journalSize());
            Rejection rejection = store.lastRejections(5).get(0);
            assertEquals(Instant.parse("2026-11-21T22:00:05.005Z"), rejection.received());
            assertEquals("onbekend bed", rejection.reason());
            IncomingHold hold = store.incomingHolds().get(0);
            assertEquals(new IncomingHold(HOLD, Kind.REGULAR, "A2", Instant.parse("2026-11-21T23:00:00Z"), "CT", false, false),
                    hold);
            assertFalse(store.once(COMMAND, "hold", () -> null), "the processed command is still known");
        }

        assertEquals(before, dump(), "every row of every table, times converted");
        // V5 (issue 13): the configured places are what the database had; every bed open, nothing closing.
        assertEquals(List.of("nood:4:4:::0"), rows("SELECT kind || ':' || capacity || ':' || configured || ':' "
                + "|| coalesce(target, '') || ':' || coalesce(until_ms, '') || ':' || closing FROM count_place"));
        assertEquals(List.of("1"), rows("SELECT DISTINCT open FROM bed"));
        assertEquals(List.of("3:BASELINE", "4:SQL", "5:SQL", "6:SQL", "7:SQL"), rows("SELECT version || ':' || type FROM "
                + Migrations.HISTORY + " ORDER BY installed_rank"));
        assertEquals(List.of("7"), rows("PRAGMA user_version"));
        assertEquals(List.of("outbox_acked"),
                rows("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND sql IS NOT NULL"));
        try (NodeStore store = open()) {
            assertEquals(4, store.record(new Payload.Heartbeat()).envelope().seq(), "seq goes on by exactly one");
        }
    }

    @Test
    void a_database_of_the_first_release_gets_the_journal_the_rejection_columns_and_epoch_ms() throws Exception {
        String session = beforeFlyway(1);
        execute("INSERT INTO outbox VALUES (1, '00000000-0000-4000-8000-000000000001', 'heartbeat', '{}', '2026-11-21T22:00:00Z')",
                "UPDATE meta SET next_seq = 2");

        try (NodeStore store = open()) {
            assertEquals(session, store.session());
            assertEquals(2, store.nextSeq());
            assertEquals(1, store.pendingCount());
        }

        assertEquals(List.of("1:" + Instant.parse("2026-11-21T22:00:00Z").toEpochMilli() + ":"),
                rows("SELECT seq || ':' || created_ms || ':' || coalesce(acked_ms, '') FROM outbox"));
        assertEquals(List.of("1:BASELINE", "2:SQL", "3:SQL", "4:SQL", "5:SQL", "6:SQL", "7:SQL"), rows("SELECT version || ':' || type FROM "
                + Migrations.HISTORY + " ORDER BY installed_rank"));
        assertTrue(columns("rejection").containsAll(Set.of("id", "payload", "received_ms")));
    }

    @Test
    void a_failing_migration_names_itself_and_changes_nothing() throws Exception {
        String session = beforeFlyway(3);
        fill(session);
        execute("INSERT INTO outbox VALUES (9, '00000000-0000-4000-8000-000000000009', 'heartbeat', '{}', 'gisteravond', NULL)");
        Map<String, List<String>> before = dump();

        NodeStoreException failure = assertThrows(NodeStoreException.class, this::open);

        assertTrue(failure.getMessage().contains("V4__times_in_ms.sql"), failure.getMessage());
        assertEquals(before, dump());
        assertEquals(List.of("3"), rows("PRAGMA user_version"));
        assertEquals(List.of(), rows("SELECT name FROM sqlite_master WHERE name = '" + Migrations.HISTORY + "'"));
    }

    @Test
    void a_migration_changed_after_it_was_applied_is_refused() throws Exception {
        open().close();
        execute("UPDATE " + Migrations.HISTORY + " SET checksum = checksum + 1 WHERE version = '2'");

        NodeStoreException failure = assertThrows(NodeStoreException.class, this::open);

        assertTrue(failure.getMessage().contains("changed"), failure.getMessage());
    }

    private NodeStore open() {
        return NodeStore.open(TestNodes.config("tcp://127.0.0.1:1", dir), Clock.fixed(CREATED, ZoneOffset.UTC));
    }

    /**
     * What NodeDatabase did before Flyway, up to {@code version}: each string split at every semicolon, the meta row
     * with the text time written in the first, {@code user_version} set in the same transaction. Returns the session.
     */
    private String beforeFlyway(int version) throws Exception {
        Files.createDirectories(dir);
        String session = UUID.randomUUID().toString();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (int number = 1; number <= version; number++) {
                connection.setAutoCommit(false);
                for (String sql : oldMigration(number).split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
                if (number == 1) {
                    statement.execute("INSERT INTO meta (id, session, next_seq, connection, created) VALUES (1, '" + session
                            + "', 1, 0, '2026-11-20T09:15:00.120Z')");
                }
                statement.execute("PRAGMA user_version = " + number);
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
        return session;
    }

    private static String oldMigration(int number) throws IOException {
        try (InputStream in = NodeDatabaseMigrationTest.class.getResourceAsStream("before-flyway/V" + number + ".sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A node that recorded three events (one acked, one refused), holds a bed and a request, with times as text. */
    private void fill(String session) throws SQLException {
        execute("UPDATE meta SET next_seq = 4, connection = 2, heartbeat_seconds = 15",
                "INSERT INTO outbox VALUES (1, '" + id(1) + "', 'check_in', '{\"bed\":\"A1\"}', '2026-11-21T22:00:00Z',"
                        + " 1795384800000)",
                "INSERT INTO outbox VALUES (2, '" + id(2) + "', 'heartbeat', '{}', '2026-11-21T22:00:01.5Z', NULL)",
                "INSERT INTO outbox VALUES (3, '" + id(3) + "', 'check_out', '{\"bed\":\"B9\"}', '2026-11-21T22:00:02.123456Z',"
                        + " NULL)",
                "INSERT INTO bed VALUES ('A1', 'regular', 'occupied', 'k1:AAAAAAAAAAAAAAAAAAAAAA')",
                "INSERT INTO bed VALUES ('A2', 'regular', 'free', NULL)",
                "INSERT INTO bed VALUES ('A3', 'regular', 'free', NULL)",
                "INSERT INTO bed VALUES ('A4', 'regular', 'free', NULL)",
                "INSERT INTO bed VALUES ('C1', 'crisis', 'free', NULL)",
                "INSERT INTO count_place VALUES ('nood', 4, 0, 0)",
                "INSERT INTO processed_command VALUES ('" + COMMAND + "', 'hold', '2026-11-21T22:30:00.001Z')",
                "INSERT INTO rejection VALUES ('" + session + "', 3, 'check_out', 'onbekend bed', '2026-11-21T22:00:05.005Z',"
                        + " '00000000-0000-4000-8000-000000000003', '{}')",
                "INSERT INTO incoming_hold VALUES ('" + HOLD + "', 'regular', 'A2', '2026-11-21T23:00:00Z', 'CT', 0,"
                        + " '2026-11-21T22:30:00.001Z')");
    }

    private static String id(int seq) {
        return "00000000-0000-4000-8000-00000000000" + seq;
    }

    /** Every row of every table as text, a text time as its epoch ms under the new column name. */
    private Map<String, List<String>> dump() throws SQLException {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    ResultSetMetaData meta = result.getMetaData();
                    while (result.next()) {
                        List<String> row = new ArrayList<>();
                        for (int column = 1; column <= meta.getColumnCount(); column++) {
                            String name = meta.getColumnName(column);
                            String value = result.getString(column);
                            if (ADDED_BY_V5.contains(table + "." + name)) {
                                continue;
                            }
                            if (TIMES.containsKey(name)) {
                                name = TIMES.get(name);
                                value = epochMs(value);
                            }
                            row.add(name + "=" + value);
                        }
                        Collections.sort(row);
                        rows.add(String.join(" ", row));
                    }
                }
                dump.put(table, rows);
            }
        }
        return dump;
    }

    private static String epochMs(String text) {
        try {
            return Long.toString(Instant.parse(text).toEpochMilli());
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    private List<String> columns(String table) throws SQLException {
        return rows("SELECT name FROM pragma_table_info('" + table + "')");
    }

    private List<String> rows(String query) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(NodeStore.FILE_NAME));
    }
}
