package nl.opvang.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import nl.opvang.gateway.Reply;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 3 at the hub's store: after a restore the hub waits for seqs the backup lacks; a node whose journal no
 * longer holds them answers the {@code resend} with a birth declaring them lost. The hub must record that gap (audit,
 * metric) and go on, not hold the node's stream forever.
 */
class LostEventsTest {
    @TempDir
    Path dataDir;
    HubStoreFixture hub;
    Messages node;
    final Codec codec = new Codec();

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
    void a_birth_declaring_pruned_seqs_lost_ends_the_wait_and_the_gap_is_recorded_in_the_audit_log() {
        hub.deliver(node.testBirth(), node.checkIn("T1", Messages.token(1)));
        // What the restored backup lacks: seqs 3-6 were stored and acked before, and the node has since pruned them.
        for (int i = 3; i <= 6; i++) {
            node.checkIn("T" + (i - 1), Messages.token(i));
        }
        NodeMessage seven = node.checkOut("T1", Messages.token(1));
        List<Reply> held = hub.deliver(seven);
        assertEquals(new Command.Resend(node.session(), 3), onlyResend(held), "the hub asks for what it lacks");
        assertEquals(2, onlyAck(held).seq());

        // The node's answer: a birth with its full state now, declaring 3-6 lost, then its journal from 7 on.
        NodeMessage birth = birthDeclaringLost(3, 6, PlaceStatus.OCCUPIED);
        List<Reply> replies = hub.deliver(birth, seven);

        assertEquals(8, onlyAck(replies).seq(), "everything up to the birth is acked");
        assertTrue(replies.stream().noneMatch(Reply.CommandReply.class::isInstance), "no more resend: " + replies);
        assertEquals(4, hub.count("SELECT COUNT(*) FROM event WHERE node = 'test-1'"), "1, 2, 7 and 8 stored once");
        assertEquals(1, hub.count("SELECT COUNT(*) FROM event WHERE seq = 7"));
        assertEquals(1, hub.count("""
                SELECT COUNT(*) FROM audit WHERE action = 'events.lost' AND subject = 'test-1'
                AND detail LIKE '% from=3 to=6 birth=8'"""), "the gap (node, from, to) is in the audit log");
        assertEquals(4.0, hub.metrics.get("opvang_events_lost").counter().count());
        KindAvailability regular = hub.projection.snapshot().locations().get("test").kinds().stream()
                .filter(kind -> kind.kind() == Kind.REGULAR).findFirst().orElseThrow();
        assertEquals(4, regular.occupied(), "the birth's state applies");

        // Redelivered later (the broker's queue, the node's resend): nothing new, no second gap.
        hub.deliver(birth, seven);
        assertEquals(4, hub.count("SELECT COUNT(*) FROM event WHERE node = 'test-1'"));
        assertEquals(1, hub.count("SELECT COUNT(*) FROM audit WHERE action = 'events.lost'"));
    }

    @Test
    void a_birth_declaring_seqs_the_hub_has_stored_changes_nothing_of_the_history() {
        hub.deliver(node.testBirth(), node.checkIn("T1", Messages.token(1)), node.checkIn("T2", Messages.token(2)));
        // A birth declaring 1-3 lost reaches a hub that has 1-3 stored (another hub's restore asked for them): it is
        // the next event, applies in order, and records no gap.
        NodeMessage birth = birthDeclaringLost(1, 3, PlaceStatus.FREE);
        assertEquals(4, onlyAck(hub.deliver(birth)).seq());
        assertEquals(0, hub.count("SELECT COUNT(*) FROM audit WHERE action = 'events.lost'"));
    }

    /** The node's birth with every bed in {@code status} and {@code lost} as it is on the wire. */
    private NodeMessage birthDeclaringLost(long from, long to, PlaceStatus status) {
        List<Payload.BedState> beds = List.of(new Payload.BedState("T1", Kind.REGULAR, status),
                new Payload.BedState("T2", Kind.REGULAR, status), new Payload.BedState("T3", Kind.REGULAR, status),
                new Payload.BedState("T4", Kind.REGULAR, status), new Payload.BedState("T5", Kind.CRISIS, PlaceStatus.FREE));
        String json = new String(codec.encode(node.next(new Payload.Birth("test", 30, beds, List.of()))), StandardCharsets.UTF_8);
        String wire = json.substring(0, json.length() - 1) + ",\"lost\":{\"from\":" + from + ",\"to\":" + to + "}}";
        return codec.decodeNodeMessage(wire.getBytes(StandardCharsets.UTF_8));
    }

    private static Command.Body onlyResend(List<Reply> replies) {
        List<Command.Body> commands = replies.stream().filter(Reply.CommandReply.class::isInstance)
                .map(reply -> ((Reply.CommandReply) reply).command().body()).toList();
        assertEquals(1, commands.size(), "one resend: " + replies);
        return commands.get(0);
    }

    private static Ack onlyAck(List<Reply> replies) {
        List<Ack> acks = replies.stream().filter(Reply.AckReply.class::isInstance).map(reply -> ((Reply.AckReply) reply).ack())
                .toList();
        assertEquals(1, acks.size(), "one ack per node and batch: " + replies);
        return acks.get(0);
    }
}
