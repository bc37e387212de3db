package nl.opvang.hub.placement;

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
import nl.opvang.hub.ops.OpsCommand;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup made with the ops {@code backup} command while an accepted hold's instructions are live does not contain
 * them in readable form (docs/DESIGN.md §5: stored encrypted, and the key lives in its own file, not in the database).
 */
class BackupPrivacyTest {
    private static final String CANARY = "Achterdeur Lindelaan, vraag naar Bram-canary-4412";

    @TempDir
    Path dataDir;
    @TempDir
    Path backups;
    PlacementFixture fixture;

    @BeforeEach
    void start() {
        fixture = new PlacementFixture(dataDir);
        fixture.testLocationLive();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void the_instructions_of_an_accepted_hold_are_not_readable_in_a_backup() throws IOException {
        Hold hold = fixture.holds.create(PlacementFixture.CT, HoldRequest.anywhere(Kind.CRISIS));
        fixture.deliver(fixture.test.next(new Payload.HoldAccepted(hold.id(), "T5", CANARY)));
        assertEquals(CANARY, fixture.holds.instructions(PlacementFixture.CT,
                fixture.holds.get(PlacementFixture.CT, hold.id())).orElseThrow(), "the hold is live with them");
        Path backup = backups.resolve("hub-backup.db");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = new OpsCommand(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Clock.systemUTC())
                .run(new String[] {"backup", "--data", dataDir.toString(), "--to", backup.toString()});

        assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
        String bytes = new String(Files.readAllBytes(backup), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains(hold.id().toString()), "the search finds what is in the backup: the hold itself");
        assertFalse(bytes.contains(CANARY), "the instructions as a whole");
        assertFalse(bytes.contains("Bram-canary-4412"), "any recognisable part of them");
        try (var files = Files.list(backups)) {
            assertEquals(1, files.count(), "one self-contained file, no key beside it");
        }
    }
}
