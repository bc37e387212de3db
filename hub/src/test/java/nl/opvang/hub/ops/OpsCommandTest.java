package nl.opvang.hub.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subcommands as an operator types them, on a hub data folder seeded with the seed region. */
class OpsCommandTest {
    @TempDir
    Path work;
    Path data;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void seed() {
        data = work.resolve("data");
        try (Database database = Database.open(data)) {
            Registry.seed(database, RegionFile.resource(RegionFile.SEED));
        }
    }

    private int run(String... args) {
        return new OpsCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC()).run(args);
    }

    @Test
    void broker_config_writes_an_acl_block_for_every_node_in_the_registry() throws Exception {
        SecuredBroker.requireTools();
        Path out = work.resolve("broker");

        int code = run("broker-config", "--data", data.toString(), "--out", out.toString());

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String acl = Files.readString(out.resolve("acl"));
        try (Database database = Database.open(data)) {
            Registry.load(database, "-").locations().forEach(location -> location.nodes().forEach(node -> assertTrue(
                    acl.contains("user node-" + node.code() + "\ntopic write opvang/v1/" + location.code() + "/" + node.code() + "/birth"),
                    node.code())));
        }
        assertTrue(this.out.toString(StandardCharsets.UTF_8).contains("systemctl reload mosquitto"));
    }

    @Test
    void backup_and_restore_round_trip_the_hub_database() {
        Path backup = work.resolve("backups/hub.db");

        int backedUp = run("backup", "--data", data.toString(), "--to", backup.toString());
        int restored = run("restore", "--from", backup.toString(), "--data", data.toString());

        assertEquals(0, backedUp, err.toString(StandardCharsets.UTF_8));
        assertEquals(0, restored, err.toString(StandardCharsets.UTF_8));
        Map<String, Long> expected = new HashMap<>(Backup.inspect(backup).rows());
        expected.merge("audit", 1L, Long::sum);
        assertEquals(expected, Backup.inspect(data.resolve("hub.db")).rows(), "the backup's rows and the restore's audit entry");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("audit anchors: the restore is recorded in "
                + data.resolve("audit-anchors.txt")), out.toString(StandardCharsets.UTF_8));
        assertTrue(Backup.inspect(backup).rows().get("place") > 0, "the seed region's places are in the backup");
    }

    @Test
    void a_missing_option_prints_the_usage_and_exits_with_2() {
        int code = run("backup", "--data", data.toString());

        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs --to once"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_folder_without_a_hub_database_is_named_in_one_line_with_exit_code_1() {
        int code = run("backup", "--data", work.resolve("nothing-here").toString(), "--to", work.resolve("b.db").toString());

        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no hub.db in"), err.toString(StandardCharsets.UTF_8));
    }
}
