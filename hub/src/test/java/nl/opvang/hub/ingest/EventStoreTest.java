package nl.opvang.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.gateway.Reply;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.NodeStatus;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.protocol.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {
    @TempDir
    Path dataDir;
    HubStoreFixture hub;
    Messages node;

    @BeforeEach
    void open() {
        hub = new HubStoreFixture(dataDir);
        node = new Messages("test", "test-1");
    }

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void in_order_events_are_stored_once_applied_and_acked_up_to_the_last_seq() {
        List<Reply> replies = hub.deliver(node.testBirth(), node.checkIn("T1", Messages.token(1)));

        Ack ack = onlyAck(replies);
        assertEquals(node.session(), ack.session());
        assertEquals(2, ack.seq());
        assertTrue(ack.rejected().isEmpty());
        assertEquals(2, hub.count("SELECT COUNT(*) FROM event"));
        KindAvailability regular = kind(test(), Kind.REGULAR);
        assertEquals(4, regular.capacity());
        assertEquals(1, regular.occupied());
        assertEquals(3, regular.free());
        assertEquals(Freshness.LIVE, test().freshness());
    }

    @Test
    void a_node_with_a_new_data_folder_is_followed_from_connection_one_and_the_old_sessions_late_will_is_ignored() {
        hub.deliver(node.testBirth());
        hub.store.nodeStatus("test", "test-1", new NodeStatus(1, true, node.session(), 7));
        assertTrue(nodeState().online());

        // The SD card is replaced: a new session, counting connections from 1 again. Its online status may come before
        // or after its birth; the old session's will may still be on its way.
        Messages replaced = new Messages("test", "test-1");
        hub.store.nodeStatus("test", "test-1", new NodeStatus(1, true, replaced.session(), 1));
        hub.deliver(replaced.testBirth());
        hub.store.nodeStatus("test", "test-1", new NodeStatus(1, false, node.session(), 7));
        assertTrue(nodeState().online(), "the old session's late will changes nothing");
        assertEquals(replaced.session(), nodeState().session());
        hub.reopen(); // the new session's count is persisted with it, not replayed
        hub.store.nodeStatus("test", "test-1", new NodeStatus(1, false, node.session(), 7));
        assertTrue(nodeState().online(), "after a restart too");

        hub.store.nodeStatus("test", "test-1", new NodeStatus(1, false, replaced.session(), 1));
        assertFalse(nodeState().online(), "the new session's own will is followed");
        hub.store.nodeStatus("test", "test-1", new NodeStatus(1, true, replaced.session(), 2));
        assertTrue(nodeState().online());
    }

    private NodeState nodeState() {
        return hub.projection.node("test-1").orElseThrow();
    }

    @Test
    void the_same_events_redelivered_a_hundred_times_change_nothing() {
        NodeMessage birth = node.testBirth();
        NodeMessage in = node.checkIn("T2", Messages.token(2));
        NodeMessage out = node.checkOut("T2", Messages.token(2));
        NodeMessage in2 = node.checkIn("T3", Messages.token(3));
        hub.deliver(birth, in, out, in2);
        LocationAvailability before = test();

        for (int i = 0; i < 100; i++) {
            Ack ack = onlyAck(hub.deliver(in2, out, birth, in));
            assertEquals(4, ack.seq());
        }

        assertEquals(4, hub.count("SELECT COUNT(*) FROM event"));
        assertEquals(before, test());
        assertEquals(400.0, hub.metrics.get("opvang_events_duplicate").counter().count());
    }

    @Test
    void a_gap_holds_later_events_and_asks_the_node_to_resend_from_the_missing_seq() {
        NodeMessage birth = node.testBirth();
        NodeMessage second = node.checkIn("T1", Messages.token(1));
        NodeMessage third = node.checkIn("T2", Messages.token(2));

        List<Reply> replies = hub.deliver(birth, third);

        assertEquals(1, onlyAck(replies).seq());
        Command resend = replies.stream().filter(Reply.CommandReply.class::isInstance)
                .map(reply -> ((Reply.CommandReply) reply).command()).findFirst().orElseThrow();
        Command.Resend body = assertInstanceOf(Command.Resend.class, resend.body());
        assertEquals(2, body.fromSeq());
        assertEquals(node.session(), body.session());
        assertEquals(0, kind(test(), Kind.REGULAR).occupied());

        assertEquals(3, onlyAck(hub.deliver(second)).seq());
        assertEquals(2, kind(test(), Kind.REGULAR).occupied());
        assertEquals(3, hub.count("SELECT COUNT(*) FROM event"));
    }

    @Test
    void events_arriving_in_reverse_order_are_applied_in_seq_order() {
        List<NodeMessage> messages = new ArrayList<>();
        messages.add(node.testBirth());
        for (int i = 1; i <= 50; i++) {
            messages.add(i % 2 == 1 ? node.checkIn("T1", Messages.token(i)) : node.checkOut("T1", Messages.token(i - 1)));
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            hub.deliver(messages.get(i));
        }

        assertEquals(51, hub.count("SELECT COUNT(*) FROM event WHERE rejected IS NULL"));
        assertEquals(0, kind(test(), Kind.REGULAR).occupied(), "50 alternating events end with T1 checked out");
        assertEquals(51, hub.count("SELECT MAX(seq) FROM event"));
    }

    @Test
    void the_same_seq_with_another_id_is_a_conflict_kept_for_admins_and_not_stored() {
        hub.deliver(node.testBirth(), node.checkIn("T1", Messages.token(1)));
        Messages impostor = new Messages("test", "test-1", node.session());
        impostor.testBirth();
        NodeMessage clash = impostor.checkIn("T4", Messages.token(9));

        Ack ack = onlyAck(hub.deliver(clash));

        assertEquals(2, ack.seq());
        assertEquals(1, hub.count("SELECT COUNT(*) FROM conflict"));
        assertEquals(0, hub.count("SELECT COUNT(*) FROM event WHERE type = 'check_in' AND body LIKE '%T4%'"));
        assertEquals(1, kind(test(), Kind.REGULAR).occupied());
    }

    @Test
    void a_conflicting_copy_is_named_in_the_ack_with_its_id_kept_whole_for_admins_and_counted_once() {
        hub.deliver(node.testBirth(), node.checkIn("T1", Messages.token(1)));
        Messages impostor = new Messages("test", "test-1", node.session());
        impostor.testBirth();
        NodeMessage clash = impostor.checkIn("T4", Messages.token(9));

        Ack ack = onlyAck(hub.deliver(clash));
        Ack again = onlyAck(hub.deliver(clash));

        assertEquals(List.of(new Ack.Rejection(2, clash.envelope().id(), ack.rejected().get(0).reason())), ack.rejected(),
                "the second node must not delete seq 2 as stored");
        assertTrue(ack.rejected().get(0).reason().contains("identity"), ack.rejected().get(0).reason());
        assertEquals(ack.rejected(), again.rejected(), "a resent copy is refused again, so its node learns it");
        assertEquals(1, hub.count("SELECT COUNT(*) FROM conflict WHERE type = 'check_in' AND body LIKE '%T4%'"
                + " AND body NOT LIKE '%" + Messages.token(9).substring(3) + "%' AND node_ms IS NOT NULL"));
        assertEquals(1.0, hub.metrics.get("opvang_conflicts").counter().count());
    }

    @Test
    void a_conflicting_copy_that_arrives_while_its_seq_is_held_for_a_gap_is_refused_once_the_gap_fills() {
        hub.deliver(node.testBirth());
        Messages impostor = new Messages("test", "test-1", node.session());
        impostor.testBirth();
        NodeMessage second = node.checkIn("T1", Messages.token(1));
        impostor.checkIn("T2", Messages.token(2));
        NodeMessage third = node.checkIn("T3", Messages.token(3));
        NodeMessage clash = impostor.checkIn("T4", Messages.token(4));

        hub.deliver(third);
        hub.deliver(clash);
        Ack ack = onlyAck(hub.deliver(second));

        assertEquals(3, ack.seq());
        assertEquals(List.of(3L), ack.rejected().stream().map(Ack.Rejection::seq).toList());
        assertEquals(clash.envelope().id(), ack.rejected().get(0).id());
        assertEquals(1, hub.count("SELECT COUNT(*) FROM conflict WHERE seq = 3 AND body LIKE '%T4%'"));
        assertEquals(1.0, hub.metrics.get("opvang_conflicts").counter().count());
        assertEquals(2, kind(test(), Kind.REGULAR).occupied(), "T1 and T3, never T4");
    }

    @Test
    void an_invalid_event_is_refused_in_the_ack_kept_for_admins_and_the_events_after_it_are_applied() {
        hub.deliver(node.testBirth());
        NodeMessage valid = node.checkIn("T1", Messages.token(1));
        NodeMessage invalid = new NodeMessage(valid.envelope(), new Payload.Invalid(Reason.BAD_FIELD,
                "field 'token' does not match the pattern", "{\"type\":\"check_in\",\"bed\":\"T1\",\"token\":\"k1:abc\"}", false));
        NodeMessage after = node.checkIn("T2", Messages.token(2));

        Ack ack = onlyAck(hub.deliver(invalid, after));

        assertEquals(3, ack.seq());
        assertEquals(List.of(2L), ack.rejected().stream().map(Ack.Rejection::seq).toList());
        assertTrue(ack.rejected().get(0).reason().contains("token"), ack.rejected().get(0).reason());
        assertEquals(1, kind(test(), Kind.REGULAR).occupied(), "T2 is applied, the invalid check-in is not");
        assertEquals(1, hub.count("SELECT COUNT(*) FROM event WHERE seq = 2 AND type = 'invalid' AND rejected IS NOT NULL"
                + " AND body LIKE '%check_in%' AND body NOT LIKE '%k1:abc%'"));
        assertEquals(0, hub.count("SELECT COUNT(*) FROM event WHERE seq = 2 AND token_id IS NOT NULL"));
    }

    @Test
    void a_birth_that_breaks_the_contract_still_starts_its_session_refused_so_the_events_after_it_are_applied() {
        hub.deliver(node.testBirth(), node.checkIn("T1", Messages.token(1)));
        Messages replaced = new Messages("test", "test-1");
        NodeMessage birth = replaced.testBirth();
        NodeMessage unreadable = new NodeMessage(birth.envelope(), new Payload.Invalid(Reason.BAD_FIELD,
                "field 'heartbeatSeconds' must be between 1 and 3600", "{\"type\":\"birth\"}", true));

        Ack ack = onlyAck(hub.deliver(unreadable, replaced.checkIn("T2", Messages.token(2))));

        assertEquals(replaced.session(), ack.session());
        assertEquals(2, ack.seq());
        assertEquals(List.of(new Ack.Rejection(1, null, ack.rejected().get(0).reason())), ack.rejected(),
                "an invalid message names no id: its id may have been unreadable");
        assertEquals(2, kind(test(), Kind.REGULAR).occupied(), "T2 applied on the last snapshot the hub could read");
    }

    @Test
    void an_event_for_a_bed_that_is_not_the_nodes_is_stored_for_audit_acked_as_rejected_and_not_applied() {
        hub.deliver(node.testBirth());

        Ack ack = onlyAck(hub.deliver(node.checkIn("S01", Messages.token(1))));

        assertEquals(2, ack.seq());
        assertEquals(1, ack.rejected().size());
        assertEquals(2, ack.rejected().get(0).seq());
        assertTrue(ack.rejected().get(0).reason().contains("S01"));
        assertEquals(1, hub.count("SELECT COUNT(*) FROM event WHERE rejected IS NOT NULL"));
        assertEquals(0, kind(test(), Kind.REGULAR).occupied());
    }

    @Test
    void tokens_live_in_their_own_table_and_events_refer_to_them() {
        hub.deliver(node.testBirth(), node.checkIn("T1", "k1:AAAAbbbbCCCC"), node.checkOut("T1", "k1:AAAAbbbbCCCC"));

        assertEquals(1, hub.count("SELECT COUNT(*) FROM token"));
        assertEquals(2, hub.count("SELECT COUNT(*) FROM event WHERE token_id IS NOT NULL"));
        assertEquals(0, hub.count("SELECT COUNT(*) FROM event WHERE body LIKE '%AAAAbbbbCCCC%'"));
    }

    @Test
    void a_birth_in_a_new_session_starts_a_new_sequence_and_replaces_the_snapshot() {
        hub.deliver(node.testBirth(), node.checkIn("T1", Messages.token(1)), node.checkIn("T2", Messages.token(2)));
        Messages replaced = new Messages("test", "test-1");

        Ack ack = onlyAck(hub.deliver(replaced.testBirth()));

        assertEquals(replaced.session(), ack.session());
        assertEquals(1, ack.seq());
        assertEquals(0, kind(test(), Kind.REGULAR).occupied(), "the new snapshot says every bed is free");
    }

    @Test
    void a_restart_reads_the_persisted_projection_and_cursor_without_replaying_events() {
        NodeMessage birth = node.testBirth();
        NodeMessage in = node.checkIn("T5", Messages.token(5));
        hub.deliver(birth, in, node.next(new Payload.BedStatus("T4", PlaceStatus.OUT_OF_SERVICE)));
        LocationAvailability before = test();

        hub.reopen();

        assertEquals(before, test());
        assertEquals(3, onlyAck(hub.deliver(in)).seq(), "after a restart a redelivery is still recognised");
        assertEquals(3, hub.count("SELECT COUNT(*) FROM event"));
        KindAvailability regular = kind(test(), Kind.REGULAR);
        assertEquals(1, regular.outOfService());
        assertEquals(3, regular.free());
    }

    @Test
    void a_node_silent_past_its_heartbeat_is_stale_and_shows_no_free_places() {
        hub.deliver(node.testBirth());
        assertEquals(4, kind(test(), Kind.REGULAR).free());

        hub.clock.advance(Duration.ofSeconds(60));
        hub.projection.refreshFreshness();

        assertEquals(Freshness.STALE, test().freshness());
        assertEquals(0, kind(test(), Kind.REGULAR).free());
        assertEquals(4, kind(test(), Kind.REGULAR).lastKnownFree());

        hub.clock.advance(Duration.ofHours(3));
        hub.projection.refreshFreshness();
        assertEquals(Freshness.OFFLINE, test().freshness());
    }

    @Test
    void count_only_places_follow_count_and_capacity_events() {
        Messages amergaard = new Messages("amergaard", "amergaard-1");
        List<Payload.BedState> beds = new ArrayList<>();
        for (int bed = 1; bed <= 23; bed++) {
            beds.add(new Payload.BedState(String.format("A%02d", bed), Kind.REGULAR, PlaceStatus.FREE));
        }
        hub.deliver(amergaard.next(new Payload.Birth("test", 30, beds, List.of(new Payload.CountState(Kind.NOOD, 4, false, 0)))));
        assertEquals(0, kind(location("amergaard"), Kind.NOOD).capacity(), "closed nood places are no capacity");

        Ack applied = onlyAck(hub.deliver(amergaard.next(new Payload.Capacity(Kind.NOOD, 4, true, "winterregeling")),
                amergaard.next(new Payload.Count(Kind.NOOD, 3))));
        assertEquals(List.of(), applied.rejected(), "an applied count is not also refused");

        KindAvailability nood = kind(location("amergaard"), Kind.NOOD);
        assertEquals(4, nood.capacity());
        assertEquals(3, nood.occupied());
        assertEquals(1, nood.free());
        Ack ack = onlyAck(hub.deliver(amergaard.next(new Payload.Count(Kind.CRISIS, 1))));
        assertEquals(1, ack.rejected().size(), "amergaard counts no crisis places");
    }

    @Test
    void opened_noodbedden_say_since_and_until_when_and_keep_it_across_a_restart() {
        Messages amergaard = amergaardWithClosedNood();
        Instant until = hub.clock.instant().plus(Duration.ofHours(14));
        Instant opened = hub.clock.instant();

        hub.deliver(amergaard.next(new Payload.Capacity(Kind.NOOD, 4, true, "open_nood", until, List.of())));
        hub.clock.advance(Duration.ofMinutes(5));
        hub.deliver(amergaard.next(new Payload.Capacity(Kind.NOOD, 4, true, "open_nood", until.plusSeconds(3600), List.of())));

        KindAvailability nood = kind(location("amergaard"), Kind.NOOD);
        assertEquals(4, nood.capacity());
        assertEquals(opened, nood.openSince(), "an extension keeps the time they were opened");
        assertEquals(until.plusSeconds(3600), nood.openUntil());
        hub.reopen();
        assertEquals(opened, kind(location("amergaard"), Kind.NOOD).openSince());
        assertEquals(until.plusSeconds(3600), kind(location("amergaard"), Kind.NOOD).openUntil());

        hub.deliver(amergaard.next(new Payload.Capacity(Kind.NOOD, 4, false, "close_nood")));
        nood = kind(location("amergaard"), Kind.NOOD);
        assertEquals(0, nood.capacity());
        assertNull(nood.openSince());
        assertNull(nood.openUntil());
    }

    @Test
    void a_node_cannot_open_more_noodbedden_than_the_registry_gives_it() {
        Messages amergaard = amergaardWithClosedNood();

        Ack ack = onlyAck(hub.deliver(amergaard.next(new Payload.Capacity(Kind.NOOD, 5, true, "open_nood"))));

        assertEquals(1, ack.rejected().size());
        assertTrue(ack.rejected().get(0).reason().contains("more than the 4"), ack.rejected().get(0).reason());
        assertEquals(0, kind(location("amergaard"), Kind.NOOD).capacity(), "nothing changed");
    }

    @Test
    void a_capacity_limit_on_beds_closes_the_named_beds_and_a_birth_keeps_them_closed() {
        Messages amergaard = amergaardWithClosedNood();

        hub.deliver(amergaard.next(new Payload.Capacity(Kind.REGULAR, 20, true, "set_capacity", null,
                List.of("A21", "A22", "A23"))));
        KindAvailability regular = kind(location("amergaard"), Kind.REGULAR);
        assertEquals(20, regular.capacity());
        assertEquals(20, regular.free());
        Ack refused = onlyAck(hub.deliver(amergaard.next(new Payload.Capacity(Kind.REGULAR, 22, true, "set_capacity", null,
                List.of("X99")))));
        assertEquals(1, refused.rejected().size(), "a bed that is not the node's");
        assertEquals(20, kind(location("amergaard"), Kind.REGULAR).capacity(), "nothing changed");

        hub.deliver(amergaard.next(new Payload.Birth("test", 30, amergaardBeds("A23"),
                List.of(new Payload.CountState(Kind.NOOD, 4, false, 0)))));
        assertEquals(22, kind(location("amergaard"), Kind.REGULAR).capacity(), "the birth says only A23 is closed");
        hub.reopen();
        assertEquals(22, kind(location("amergaard"), Kind.REGULAR).capacity());
    }

    private Messages amergaardWithClosedNood() {
        Messages amergaard = new Messages("amergaard", "amergaard-1");
        hub.deliver(amergaard.next(new Payload.Birth("test", 30, amergaardBeds(),
                List.of(new Payload.CountState(Kind.NOOD, 4, false, 0)))));
        return amergaard;
    }

    private static List<Payload.BedState> amergaardBeds(String... closed) {
        List<Payload.BedState> beds = new ArrayList<>();
        for (int bed = 1; bed <= 23; bed++) {
            String code = String.format("A%02d", bed);
            beds.add(new Payload.BedState(code, Kind.REGULAR, PlaceStatus.FREE, !List.of(closed).contains(code)));
        }
        return beds;
    }

    private LocationAvailability test() {
        return location("test");
    }

    private LocationAvailability location(String code) {
        return hub.projection.snapshot().locations().get(code);
    }

    private static KindAvailability kind(LocationAvailability location, Kind kind) {
        return location.kinds().stream().filter(each -> each.kind() == kind).findFirst().orElseThrow();
    }

    private static Ack onlyAck(List<Reply> replies) {
        List<Ack> acks = replies.stream().filter(Reply.AckReply.class::isInstance).map(reply -> ((Reply.AckReply) reply).ack())
                .toList();
        assertEquals(1, acks.size(), "one ack per node and batch: " + replies);
        return acks.get(0);
    }
}
