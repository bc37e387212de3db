package nl.opvang.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.opvang.gateway.Inbound;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldEventsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T22:00:00Z"));
    final HeldEvents held = new HeldEvents(clock, Duration.ofSeconds(2));
    final Messages node = new Messages("test", "test-1");

    @Test
    void a_held_seq_keeps_its_first_copy_once_and_a_copy_with_another_id_beside_it() {
        node.testBirth();
        NodeMessage second = node.checkIn("T1", Messages.token(1));
        Messages impostor = new Messages("test", "test-1", node.session());
        impostor.testBirth();
        NodeMessage clash = impostor.checkIn("T4", Messages.token(4));

        held.hold(inbound(second));
        held.hold(inbound(second));
        held.hold(inbound(clash));
        held.hold(inbound(clash));

        HeldEvents.Held waiting = held.of("test-1");
        assertEquals(node.session(), waiting.session());
        assertEquals(List.of(2L), List.copyOf(waiting.events().keySet()));
        assertEquals(second.envelope().id(), waiting.events().get(2L).message().envelope().id());
        assertEquals(List.of(clash.envelope().id()), List.copyOf(waiting.others().keySet()));
        assertEquals(2, held.size());
    }

    @Test
    void no_more_than_the_maximum_is_held_per_node_and_the_rest_is_dropped_for_the_node_to_resend() {
        node.testBirth();
        for (int i = 0; i <= HeldEvents.MAX_PENDING; i++) {
            held.hold(inbound(node.checkIn("T1", Messages.token(i))));
        }

        assertEquals(HeldEvents.MAX_PENDING, held.size());
        assertFalse(held.of("test-1").events().containsKey(HeldEvents.MAX_PENDING + 2L),
                "the newest is dropped");
    }

    @Test
    void a_resend_of_a_gap_is_asked_at_most_once_per_interval() {
        assertTrue(held.resendDue("test-1", node.session(), 2));
        assertFalse(held.resendDue("test-1", node.session(), 2));
        assertTrue(held.resendDue("test-1", node.session(), 5), "another gap is asked at once");

        clock.advance(Duration.ofMillis(1999));
        assertFalse(held.resendDue("test-1", node.session(), 2));
        clock.advance(Duration.ofMillis(1));
        assertTrue(held.resendDue("test-1", node.session(), 2));
    }

    @Test
    void a_new_session_drops_what_was_held_for_another_and_a_rolled_back_batch_forgets_what_it_held() {
        node.testBirth();
        NodeMessage second = node.checkIn("T1", Messages.token(1));
        held.hold(inbound(second));

        held.newSession("test-1", node.session());
        assertNotNull(held.of("test-1"), "the same session keeps what it holds");
        held.newSession("test-1", new Messages("test", "test-1").session());
        assertNull(held.of("test-1"));
        assertEquals(0, held.size());

        held.hold(inbound(second));
        held.forget(List.of(inbound(second)));
        assertEquals(0, held.size());
    }

    @Test
    void the_pending_gauge_counts_events_waiting_for_a_gap_until_it_fills(@TempDir Path dataDir) {
        try (HubStoreFixture hub = new HubStoreFixture(dataDir)) {
            NodeMessage birth = node.testBirth();
            NodeMessage second = node.checkIn("T1", Messages.token(1));
            NodeMessage third = node.checkIn("T2", Messages.token(2));

            hub.deliver(birth, third);
            assertEquals(1.0, hub.metrics.get("opvang_events_pending").gauge().value());
            assertEquals(1.0, hub.metrics.get("opvang_resend_requests").counter().count());

            hub.deliver(second);
            assertEquals(0.0, hub.metrics.get("opvang_events_pending").gauge().value());
            assertEquals(3, hub.count("SELECT COUNT(*) FROM event"));
        }
    }

    @Test
    void a_held_event_applied_late_does_not_move_the_hubs_last_word_from_the_node_back(@TempDir Path dataDir) {
        try (HubStoreFixture hub = new HubStoreFixture(dataDir)) {
            NodeMessage birth = node.testBirth();
            NodeMessage second = node.checkIn("T1", Messages.token(1));
            NodeMessage third = node.checkIn("T2", Messages.token(2));
            hub.deliver(birth, third);

            // The gap fills three days later (a node offline, a clock moved in a test): the held third event still
            // carries the hour it arrived, and applying it after the second must not make the node look silent since.
            hub.clock.advance(Duration.ofDays(3));
            hub.deliver(second);

            assertEquals(hub.clock.millis(), hub.projection.node("test-1").orElseThrow().lastSeenMs());
            assertEquals(Freshness.LIVE, hub.projection.snapshot().locations().get("test").freshness());
        }
    }

    private Inbound inbound(NodeMessage message) {
        return new Inbound(message, clock.instant(), System.nanoTime());
    }
}
