package nl.opvang.device.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeStoreTest {
    private static final String TOKEN = "k1:AAAAAAAAAAAAAAAAAAAAAA";
    private static final String OTHER_TOKEN = "k1:BBBBBBBBBBBBBBBBBBBBBB";

    @TempDir
    Path dir;

    private NodeStore open() {
        return NodeStore.open(TestNodes.config("tcp://127.0.0.1:1", dir), Clock.systemUTC());
    }

    @Test
    void seq_continues_by_exactly_one_across_reopening_and_the_session_stays() {
        String session;
        try (NodeStore store = open()) {
            session = store.session();
            assertEquals(1, store.record(new Payload.Heartbeat()).envelope().seq());
            assertEquals(2, store.record(new Payload.Heartbeat()).envelope().seq());
        }
        try (NodeStore store = open()) {
            assertEquals(session, store.session());
            NodeMessage third = store.record(new Payload.Heartbeat());
            assertEquals(3, third.envelope().seq());
            assertEquals(session, third.envelope().session());
        }
    }

    @Test
    void a_new_database_gets_a_new_session(@TempDir Path other) {
        try (NodeStore first = open();
             NodeStore second = NodeStore.open(TestNodes.config("tcp://127.0.0.1:1", other), Clock.systemUTC())) {
            assertNotEquals(first.session(), second.session());
        }
    }

    @Test
    void the_database_runs_in_wal_mode() throws SQLException {
        try (NodeStore store = open();
             Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(NodeStore.FILE_NAME));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
            assertEquals("wal", rows.getString(1));
        }
    }

    @Test
    void record_builds_the_envelope_and_applies_the_check_in_to_the_bed() {
        try (NodeStore store = open()) {
            NodeMessage message = store.record(new Payload.CheckIn("A2", Kind.REGULAR, TOKEN, "0307", null));
            assertEquals(1, message.envelope().v());
            assertEquals("amg", message.envelope().site());
            assertEquals("amg-1", message.envelope().node());
            assertEquals(PlaceStatus.OCCUPIED, store.state().bed("A2").orElseThrow().status());
            assertEquals(1, store.pendingCount());
            NodeMessage decoded = new Codec().decodeNodeMessage(store.unacked(0, 10).get(0).payload());
            assertEquals(message, decoded);
        }
    }

    @Test
    void a_refused_check_in_writes_no_outbox_row_and_uses_no_seq() {
        try (NodeStore store = open()) {
            store.record(new Payload.CheckIn("A1", Kind.REGULAR, TOKEN, null, null));
            OperationRefused refused = assertThrows(OperationRefused.class,
                    () -> store.record(new Payload.CheckIn("A1", Kind.REGULAR, OTHER_TOKEN, null, null)));
            assertTrue(refused.getMessage().contains("A1"), refused.getMessage());
            assertEquals(1, store.pendingCount());
            assertEquals(2, store.nextSeq());
            assertEquals(2, store.record(new Payload.Heartbeat()).envelope().seq());
        }
    }

    @Test
    void checking_out_of_a_free_bed_or_with_another_pass_is_refused() {
        try (NodeStore store = open()) {
            assertThrows(OperationRefused.class, () -> store.record(new Payload.CheckOut("A1", Kind.REGULAR, TOKEN, null)));
            store.record(new Payload.CheckIn("A1", Kind.REGULAR, TOKEN, null, null));
            assertThrows(OperationRefused.class, () -> store.record(new Payload.CheckOut("A1", Kind.REGULAR, OTHER_TOKEN, null)));
            store.record(new Payload.CheckOut("A1", Kind.REGULAR, TOKEN, "woning"));
            assertEquals(PlaceStatus.FREE, store.state().bed("A1").orElseThrow().status());
            assertEquals(3, store.nextSeq());
        }
    }

    @Test
    void unknown_beds_closed_counts_and_status_changes_of_occupied_beds_are_refused() {
        try (NodeStore store = open()) {
            assertThrows(OperationRefused.class, () -> store.record(new Payload.CheckIn("Z9", Kind.REGULAR, TOKEN, null, null)));
            assertThrows(OperationRefused.class, () -> store.record(new Payload.CheckIn(null, Kind.NOOD, TOKEN, null, null)));
            assertThrows(OperationRefused.class, () -> store.record(new Payload.Count(Kind.NOOD, 5)));
            store.record(new Payload.CheckIn("A3", Kind.REGULAR, TOKEN, null, null));
            assertThrows(OperationRefused.class, () -> store.record(new Payload.BedStatus("A3", PlaceStatus.FREE)));
            assertThrows(OperationRefused.class, () -> store.record(new Payload.HoldAccepted(UUID.randomUUID(), null, "bel aan")));
            assertEquals(2, store.nextSeq());
        }
    }

    @Test
    void counts_and_capacity_change_the_count_places() {
        try (NodeStore store = open()) {
            store.record(new Payload.Capacity(Kind.NOOD, 4, true, "open_nood"));
            store.record(new Payload.Count(Kind.NOOD, 3));
            store.record(new Payload.CheckIn(null, Kind.NOOD, TOKEN, null, null));
            assertEquals(new Payload.CountState(Kind.NOOD, 4, true, 4), store.state().count(Kind.NOOD).orElseThrow());
            assertThrows(OperationRefused.class, () -> store.record(new Payload.CheckIn(null, Kind.NOOD, OTHER_TOKEN, null, null)));
        }
    }

    @Test
    void acked_rows_leave_the_outbox_and_rejections_are_kept() {
        try (NodeStore store = open()) {
            for (int i = 0; i < 5; i++) {
                store.record(new Payload.TurnAway("vol", null));
            }
            int removed = store.acknowledge(Ack.of(store.session(), 3, List.of(new Ack.Rejection(2, "bed A2 is not this node's"))));
            assertEquals(3, removed);
            assertEquals(List.of(4L, 5L), store.unacked(0, 100).stream().map(Outgoing::seq).toList());
            Rejection rejection = store.lastRejections(10).get(0);
            assertEquals(2, rejection.seq());
            assertEquals("turn_away", rejection.type());
            assertEquals("bed A2 is not this node's", rejection.reason());
        }
    }

    @Test
    void a_refused_row_is_kept_whole_and_a_rejection_naming_another_nodes_copy_leaves_this_nodes_row_alone() {
        try (NodeStore store = open()) {
            NodeMessage mine = store.record(new Payload.TurnAway("vol", null));
            NodeMessage refused = store.record(new Payload.TurnAway("other", null));
            UUID clones = UUID.randomUUID(); // the copy of seq 1 that a second node with this identity sent

            store.acknowledge(Ack.of(store.session(), 2, List.of(new Ack.Rejection(1, clones, "two nodes with one identity?"),
                    new Ack.Rejection(2, refused.envelope().id(), "does not follow the contract"))));

            List<Rejection> rejections = store.lastRejections(10);
            assertEquals(List.of(2L), rejections.stream().map(Rejection::seq).toList(), "seq 1 was " + mine.envelope().id());
            assertEquals(refused.envelope().id(), rejections.get(0).id());
            assertTrue(rejections.get(0).payload().contains("\"other\""), "kept whole for support");
            assertEquals(0, store.pendingCount());
        }
    }

    @Test
    void an_ack_beyond_what_this_node_has_sent_keeps_the_unsent_rows_for_a_second_node_with_its_identity_may_have_sent_it() {
        try (NodeStore store = open()) {
            store.record(new Payload.TurnAway("vol", null));
            store.record(new Payload.TurnAway("vol", null));
            NodeMessage refused = store.record(new Payload.TurnAway("other", null));
            store.record(new Payload.TurnAway("vol", null));

            // Sent up to seq 1 only; the ack (on the topic this node shares with a clone) covers 4 and refuses seq 3.
            int removed = store.acknowledge(Ack.of(store.session(), 4,
                    List.of(new Ack.Rejection(3, refused.envelope().id(), "does not follow the contract"))), 1);

            assertEquals(2, removed, "seq 1 (sent, stored) and seq 3 (this node's, refused)");
            assertEquals(List.of(2L, 4L), store.unacked(0, 100).stream().map(Outgoing::seq).toList(),
                    "never sent: the hub's answer for seq 2 and 4 was about another node's copy");
            assertEquals(List.of(3L), store.lastRejections(10).stream().map(Rejection::seq).toList());
        }
    }

    @Test
    void an_ack_of_another_session_removes_nothing() {
        try (NodeStore store = open()) {
            store.record(new Payload.Heartbeat());
            assertEquals(0, store.acknowledge(Ack.of(UUID.randomUUID().toString(), 1, List.of())));
            assertEquals(1, store.pendingCount());
        }
    }

    @Test
    void a_big_backlog_is_read_in_bounded_batches_in_seq_order() {
        try (NodeStore store = open()) {
            for (int i = 0; i < 250; i++) {
                store.record(new Payload.Heartbeat());
            }
            List<Long> seqs = new ArrayList<>();
            long after = 0;
            List<Outgoing> batch;
            while (!(batch = store.unacked(after, 100)).isEmpty()) {
                assertTrue(batch.size() <= 100);
                batch.forEach(row -> seqs.add(row.seq()));
                after = batch.get(batch.size() - 1).seq();
            }
            assertEquals(250, seqs.size());
            for (int i = 0; i < seqs.size(); i++) {
                assertEquals(i + 1L, seqs.get(i));
            }
        }
    }

    @Test
    void the_connection_counter_grows_across_reopening() {
        try (NodeStore store = open()) {
            assertEquals(1, store.nextConnection());
            assertEquals(2, store.nextConnection());
        }
        try (NodeStore store = open()) {
            assertEquals(3, store.nextConnection());
        }
    }

    @Test
    void the_birth_snapshot_shows_the_local_state_and_new_config_places_are_added() {
        try (NodeStore store = open()) {
            assertTrue(store.placesAdded());
            store.record(new Payload.BedStatus("A4", PlaceStatus.OUT_OF_SERVICE));
            Payload.Birth birth = store.birthSnapshot("0.1.0");
            assertEquals(5, birth.beds().size());
            assertEquals(PlaceStatus.OUT_OF_SERVICE, birth.beds().get(3).status());
            assertEquals(List.of(new Payload.CountState(Kind.NOOD, 4, false, 0)), birth.counts());
            assertEquals(30, birth.heartbeatSeconds());
        }
        NodeConfig base = TestNodes.config("tcp://127.0.0.1:1", dir);
        List<NodeConfig.BedConfig> beds = new ArrayList<>(base.beds());
        beds.add(new NodeConfig.BedConfig("A5", Kind.REGULAR));
        NodeConfig grown = NodeConfig.simulated(base.site(), base.node(), base.brokerUrl(), dir, beds, base.counts());
        try (NodeStore store = NodeStore.open(grown, Clock.systemUTC())) {
            assertTrue(store.placesAdded());
            assertEquals(PlaceStatus.OUT_OF_SERVICE, store.state().bed("A4").orElseThrow().status());
            assertEquals(PlaceStatus.FREE, store.state().bed("A5").orElseThrow().status());
        }
        try (NodeStore store = NodeStore.open(grown, Clock.systemUTC())) {
            assertTrue(!store.placesAdded());
        }
    }

    @Test
    void a_command_id_is_applied_once() {
        try (NodeStore store = open()) {
            UUID id = UUID.randomUUID();
            Command.Hold hold = new Command.Hold(UUID.randomUUID(), Kind.CRISIS, null, java.time.Instant.now(), "veiligthuis");
            assertTrue(store.once(id, "hold", () -> {
                store.addHold(hold);
                return null;
            }));
            assertTrue(!store.once(id, "hold", () -> {
                throw new AssertionError("applied twice");
            }));
            assertEquals(1, store.incomingHolds().size());
        }
    }
}
