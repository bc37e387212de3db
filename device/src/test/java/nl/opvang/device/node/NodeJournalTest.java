package nl.opvang.device.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.TurnAwayReason;
import nl.opvang.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/DESIGN.md §3, issue 11 item 3: a node keeps its acked events in a journal for {@code journalDays} and serves a
 * {@code resend} from it, so that a hub restored from an older backup gets back what the backup lacks; what the journal
 * no longer holds is declared lost in one birth. Real node, embedded Moquette, a Paho client playing the hub.
 */
class NodeJournalTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private TestHub hub;
    private Node node;

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedBroker();
        hub = new TestHub(broker.url(), TestNodes.SITE, TestNodes.NODE, true);
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        hub.close();
        broker.close();
    }

    @Test
    void a_resend_of_events_already_acked_is_served_from_the_journal() {
        node = Node.start(TestNodes.config(broker.url(), dir), Clock.systemUTC());
        NodeMessage in = node.checkIn("A1", "12345678", "0307");
        NodeMessage out = node.checkOut("A1", "12345678", "woning");
        await().atMost(WAIT).until(() -> node.pendingCount() == 0 && hub.distinct().size() == 3);
        assertEquals(1, hub.count("check_in"));

        // A hub restored from a backup taken after the birth asks for everything after it.
        hub.command(Command.of(new Command.Resend(node.session(), 2)));
        await().atMost(WAIT).until(() -> hub.count("check_in") == 2 && hub.count("check_out") == 2);
        List<NodeMessage> again = hub.received().subList(3, hub.received().size());
        assertEquals(List.of(in.envelope().id(), out.envelope().id()),
                again.stream().map(message -> message.envelope().id()).toList(), "the same events, same ids, in seq order");
        assertEquals(1, hub.count("birth"), "all of it was in the journal: nothing declared lost");
        assertEquals(0, node.pendingCount());
    }

    @Test
    void the_journal_is_pruned_by_age_and_a_resend_it_cannot_serve_gets_one_birth_declaring_the_lost_seqs() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T20:00:00Z"));
        NodeConfig config = TestNodes.config(broker.url(), dir).withJournalDays(30);
        node = Node.start(config, clock);
        for (int i = 1; i <= 4; i++) {
            node.checkIn("A" + i, "1000" + i, "0307");
        }
        node.turnAway(TurnAwayReason.FULL, null);
        await().atMost(WAIT).until(() -> node.pendingCount() == 0 && hub.distinct().size() == 6);
        String session = node.session();
        node.close();

        // 29 days after the ack: still in the journal.
        clock.advance(Duration.ofDays(29));
        node = Node.start(config, clock);
        // Like the hub, ask every second until it is answered (a command sent before the node subscribed is not kept).
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            resend(session, 2);
            return hub.count("check_in") >= 8 && hub.count("turn_away") >= 2;
        });
        assertEquals(1, hub.count("birth"), "all of it was still in the journal");
        node.close();
        await().atMost(WAIT).until(() -> hub.statuses().stream().reduce((first, second) -> second).map(last -> !last.online())
                .orElse(false));
        int beforePruned = hub.received().size();

        // 31 days after the ack: pruned when the node starts, so the SD card does not fill.
        clock.advance(Duration.ofDays(2));
        node = Node.start(config, clock);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            resend(session, 2);
            return hub.count("birth") >= 2;
        });
        NodeMessage birth = hub.received().stream().filter(NodeMessage::isBirth).reduce((first, second) -> second).orElseThrow();
        assertEquals(7, birth.envelope().seq(), "a fresh birth with the next seq");
        assertEquals(new Payload.Lost(2, 6), ((Payload.Birth) birth.payload()).lost(), "the seqs it can no longer send");
        assertEquals(4, ((Payload.Birth) birth.payload()).beds().stream()
                .filter(bed -> bed.status().wire().equals("occupied")).count(), "with its full state");
        await().atMost(WAIT).until(() -> node.pendingCount() == 0);

        // The hub asks again until that birth has arrived: one birth per gap, not one per ask.
        resend(session, 2);
        resend(session, 2);
        await().atMost(WAIT).until(() -> hub.count("birth") >= 4);
        assertEquals(2, hub.received().stream().filter(NodeMessage::isBirth).map(NodeMessage::envelope)
                .map(envelope -> envelope.seq()).distinct().count(), "the same birth sent again, no new one");
        assertEquals(List.of(), hub.received().subList(beforePruned, hub.received().size()).stream()
                .filter(message -> !message.isBirth()).toList(), "nothing pruned was sent, only the birth");
        assertNull(((Payload.Birth) hub.received().get(0).payload()).lost(), "an ordinary birth declares nothing lost");
    }

    @Test
    void pruning_removes_only_acked_events_older_than_the_period_and_keeps_the_rest_contiguous() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T20:00:00Z"));
        try (NodeStore store = NodeStore.open(TestNodes.config("tcp://127.0.0.1:1", dir).withJournalDays(30), clock)) {
            String session = store.session();
            for (int i = 0; i < 4; i++) {
                store.record(new Payload.Heartbeat());
            }
            store.acknowledge(nl.opvang.protocol.Ack.of(session, 2, List.of()));
            clock.advance(Duration.ofDays(10));
            store.acknowledge(nl.opvang.protocol.Ack.of(session, 3, List.of()));
            clock.advance(Duration.ofDays(21));
            assertEquals(2, store.pruneJournal(), "seq 1 and 2 were acked 31 days ago");
            assertEquals(List.of(3L, 4L), store.outgoing(0, 1, 10).stream().map(Outgoing::seq).toList());
            assertEquals(1, store.pendingCount(), "seq 4 was never acked: it is kept whatever its age");
            clock.advance(Duration.ofDays(400));
            assertEquals(1, store.pruneJournal());
            assertEquals(List.of(4L), store.outgoing(0, 1, 10).stream().map(Outgoing::seq).toList());
            assertEquals(4, store.resend(4, "test"), "what it holds is served");
            assertEquals(1, store.journalSize(), "and needs no birth");
        }
    }

    @Test
    void pruning_removes_the_rejections_received_before_the_period_with_their_payload_and_keeps_newer_ones() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T20:00:00Z"));
        try (NodeStore store = NodeStore.open(TestNodes.config("tcp://127.0.0.1:1", dir).withJournalDays(30), clock)) {
            String session = store.session();
            store.record(new Payload.Heartbeat());
            store.record(new Payload.Heartbeat());
            store.acknowledge(nl.opvang.protocol.Ack.of(session, 1,
                    List.of(new nl.opvang.protocol.Ack.Rejection(1, null, "old refusal"))));
            clock.advance(Duration.ofDays(20));
            store.acknowledge(nl.opvang.protocol.Ack.of(session, 2,
                    List.of(new nl.opvang.protocol.Ack.Rejection(2, null, "new refusal"))));
            assertEquals(List.of("new refusal", "old refusal"),
                    store.lastRejections(10).stream().map(Rejection::reason).toList());
            clock.advance(Duration.ofDays(11));

            store.pruneJournal();

            assertEquals(List.of("new refusal"), store.lastRejections(10).stream().map(Rejection::reason).toList(),
                    "received 31 days ago goes, 11 days ago stays");
        }
    }

        private void resend(String session, long fromSeq) {
        hub.command(Command.of(new Command.Resend(session, fromSeq)));
    }
}
