package nl.opvang.hub.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import nl.opvang.gateway.Inbound;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.ops.Backup;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.sql.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasures and restrictions survive a backup restore (issue 17, docs/DESIGN.md §5, docs/PRODUCTION.md): back up, erase
 * and restrict, restore the older backup (the links are back), and the privacy log applies them again, as the hub
 * does at every start; a second run changes nothing.
 */
class PrivacyRestoreTest {
    private static final UUID ERASURE = UUID.fromString("2a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    private static final UUID RESTRICTION = UUID.fromString("3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    @TempDir
    Path dataDir;
    @TempDir
    Path backups;
    @TempDir
    Path otherDisk;
    @TempDir
    Path newMachine;
    HubStoreFixture hub;

    /** The guests' events and their requests, as the node sent them (and sends them again from its journal). */
    private List<NodeMessage> events;

    @BeforeEach
    void start() {
        hub = new HubStoreFixture(dataDir);
        Messages node = new Messages("test", "test-1");
        store(List.of(node.testBirth()));
        Backup.create(dataDir.resolve(Backup.DATABASE_FILE), backups.resolve("hub-before-the-guests.db"));
        events = List.of(node.checkIn("T1", Messages.token(1)),
                node.checkOut("T1", Messages.token(1)), node.checkIn("T2", Messages.token(2)),
                node.next(new Payload.PrivacyRequest("erasure", Messages.token(1), ERASURE)),
                node.next(new Payload.PrivacyRequest("restriction", Messages.token(2), RESTRICTION)));
        store(events);
    }

    private void store(List<NodeMessage> messages) {
        hub.store.store(messages.stream().map(m -> new Inbound(m, hub.clock.instant(), System.nanoTime())).toList());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private PrivacyRequests requests() {
        return new PrivacyRequests(hub.database, hub.registry, new AuditLog(hub.clock),
                new PrivacyLog(PrivacyLog.file(dataDir, null)), hub.clock);
    }

    private long linked(String token) {
        return hub.database.read(c -> Sql.number(c, "SELECT count(*) FROM event e JOIN token t ON t.id = e.token_id"
                + " WHERE t.token = ?", 0, token));
    }

    private long audited() {
        return new AuditLog(hub.clock).entries(hub.database, PrivacyRequests.REAPPLIED, 50).size();
    }

    private long restricted() {
        return hub.database.read(c -> Sql.number(c, "SELECT count(*) FROM privacy_restriction", 0));
    }

    @Test
    void a_restored_older_backup_gets_the_erasure_and_the_restriction_again() {
        Path backup = backups.resolve("hub-older.db");
        Backup.create(dataDir.resolve(Backup.DATABASE_FILE), backup);
        PrivacyRequests requests = requests();
        requests.carryOut(ERASURE.toString(), "privacy");
        requests.carryOut(RESTRICTION.toString(), "privacy");
        assertEquals(0, linked(Messages.token(1)));
        assertEquals(1, restricted());

        hub.database.close();
        Backup.restore(backup, dataDir, hub.clock);
        hub.open();
        assertEquals(3, linked(Messages.token(1)), "the older backup still links the erased pass");
        assertEquals(0, restricted());

        assertTrue(requests().reapply() > 0);
        assertEquals(0, linked(Messages.token(1)), "the erasure is applied again");
        assertEquals(1, restricted(), "the restriction holds again");
        assertEquals(2, linked(Messages.token(2)), "the restricted pass keeps its data");
        assertEquals(0, requests().reapply(), "a second start changes nothing");
        assertFalse(new AuditLog(hub.clock).entries(hub.database, PrivacyRequests.REAPPLIED, 5).isEmpty());
    }

    @Test
    void a_lifted_restriction_stays_lifted_after_a_restore() {
        Path backup = backups.resolve("hub-older.db");
        PrivacyRequests requests = requests();
        requests.carryOut(RESTRICTION.toString(), "privacy");
        Backup.create(dataDir.resolve(Backup.DATABASE_FILE), backup);
        requests.lift(RESTRICTION.toString(), "privacy");

        hub.database.close();
        Backup.restore(backup, dataDir, hub.clock);
        hub.open();
        assertEquals(1, restricted(), "the backup was made while it was restricted");
        requests().reapply();
        assertEquals(0, restricted());
    }

    /**
     * A backup older than the guests' events: restored, it holds none of them, so the start finds nothing to apply.
     * The node sends them again from its journal (here before it had carried out the erasure itself, the harder case);
     * the hub's minute tick applies the privacy log to them as they come back.
     */
    @Test
    void erasure_and_restriction_hold_again_for_events_the_node_sends_again_after_the_restore() {
        PrivacyRequests requests = requests();
        requests.carryOut(ERASURE.toString(), "privacy");
        requests.carryOut(RESTRICTION.toString(), "privacy");
        hub.database.close();
        Backup.restore(backups.resolve("hub-before-the-guests.db"), dataDir, hub.clock);
        hub.open();
        assertEquals(0, requests().tick(), "nothing to apply: the backup has none of the guests' events");

        store(events);
        assertEquals(3, linked(Messages.token(1)), "sent again with the erased guest's token");
        assertEquals(0, restricted());

        long auditedBefore = audited();
        assertTrue(requests().tick() > 0);
        assertEquals(0, linked(Messages.token(1)), "the erasure is applied to the events sent again");
        assertEquals(1, restricted(), "the restriction holds again");
        assertEquals(auditedBefore + 1, audited());
        assertEquals(0, requests().tick(), "the next tick changes nothing");
        assertEquals(auditedBefore + 1, audited(), "and is not audited");
    }

    /**
     * The machine is lost with its disk after the erasure and the restriction, and the newest backup copied off it is
     * older than both: the privacy log, kept on another disk ({@code --privacy-log}), brings them back on the new
     * machine.
     */
    @Test
    void on_a_new_machine_the_privacy_log_kept_on_another_disk_brings_them_back() {
        Path backup = backups.resolve("hub-older.db");
        Backup.create(dataDir.resolve(Backup.DATABASE_FILE), backup);
        PrivacyRequests requests = new PrivacyRequests(hub.database, hub.registry, new AuditLog(hub.clock),
                new PrivacyLog(PrivacyLog.file(dataDir, otherDisk.resolve("privacy-log.jsonl"))), hub.clock);
        requests.carryOut(ERASURE.toString(), "privacy");
        requests.carryOut(RESTRICTION.toString(), "privacy");
        assertFalse(java.nio.file.Files.exists(dataDir.resolve(PrivacyLog.FILE)), "the log is not in the data folder");
        hub.close();

        hub = new HubStoreFixture(newMachine);
        hub.database.close();
        Backup.restore(backup, newMachine, hub.clock);
        hub.open();
        assertEquals(3, linked(Messages.token(1)));
        int changed = new PrivacyRequests(hub.database, hub.registry, new AuditLog(hub.clock),
                new PrivacyLog(PrivacyLog.file(newMachine, otherDisk.resolve("privacy-log.jsonl"))), hub.clock).reapply();
        assertEquals(3 + 1, changed, "the three events of the erased pass unlinked, and the restriction");
        assertEquals(0, linked(Messages.token(1)));
        assertEquals(1, restricted());
    }

    @Test
    void a_restriction_lifted_long_ago_is_not_set_and_lifted_again_at_every_tick() {
        PrivacyRequests requests = requests();
        requests.carryOut(RESTRICTION.toString(), "privacy");
        requests.lift(RESTRICTION.toString(), "privacy");
        long auditedBefore = audited();

        assertEquals(0, requests().tick());
        assertEquals(0, requests().reapply());
        assertEquals(auditedBefore, audited(), "nothing changed, nothing audited");
        assertEquals(0, restricted());
    }
}
