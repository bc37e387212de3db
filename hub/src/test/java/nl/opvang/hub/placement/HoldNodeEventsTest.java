package nl.opvang.hub.placement;

import static nl.opvang.hub.placement.PlacementFixture.CT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.gateway.Reply;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Holds answered, fulfilled and overruled by the node's own messages, through the real ingest on real SQLite. */
class HoldNodeEventsTest {
    @TempDir
    Path dataDir;
    PlacementFixture fixture;
    HoldService holds;
    List<Hold> seen;

    @BeforeEach
    void start() {
        fixture = new PlacementFixture(dataDir);
        holds = fixture.holds;
        seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        holds.subscribe(seen::add);
        fixture.testLocationLive();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void the_nodes_acceptance_reaches_the_requester_with_its_instructions_and_the_event_log_keeps_none() {
        Hold hold = holds.create(CT, HoldRequest.anywhere(Kind.CRISIS));

        fixture.deliver(fixture.test.next(new Payload.HoldAccepted(hold.id(), "T5", "Bel aan bij de zijdeur, code-9981")));

        Hold accepted = holds.get(CT, hold.id());
        assertEquals(HoldState.ACCEPTED, accepted.state());
        assertEquals("T5", accepted.acceptedBed());
        assertEquals(fixture.hub.clock.instant(), accepted.answeredAt());
        assertEquals("Bel aan bij de zijdeur, code-9981", holds.instructions(CT, accepted).orElseThrow());
        assertEquals(0, fixture.hub.count("SELECT COUNT(*) FROM event WHERE body LIKE '%code-9981%'"));
        assertEquals(1, fixture.hub.count("SELECT COUNT(*) FROM audit WHERE actor = 'node:test-1' AND action = 'hold.accepted'"));
        assertTrue(seen.stream().anyMatch(each -> each.state() == HoldState.ACCEPTED), "the requester's stream hears it");
    }

    @Test
    void the_nodes_refusal_frees_the_place() {
        Hold hold = holds.create(CT, new HoldRequest("test", Kind.CRISIS, "T5"));

        fixture.deliver(fixture.test.next(new Payload.HoldRefused(hold.id(), "Risico-inschatting: niet passend")));

        Hold refused = holds.get(CT, hold.id());
        assertEquals(HoldState.REFUSED, refused.state());
        assertEquals("Risico-inschatting: niet passend", refused.refusal());
        assertNull(refused.conflict());
        assertEquals(1, fixture.free("test", Kind.CRISIS));
    }

    @Test
    void a_check_in_naming_the_hold_fulfils_it_and_deletes_the_instructions() {
        Hold hold = holds.create(CT, HoldRequest.anywhere(Kind.CRISIS));
        fixture.deliver(fixture.test.next(new Payload.HoldAccepted(hold.id(), "T5", "Om 23:00 melden")));

        fixture.deliver(fixture.test.next(new Payload.CheckIn("T5", null, Messages.token(1), null, hold.id())));

        Hold fulfilled = holds.get(CT, hold.id());
        assertEquals(HoldState.FULFILLED, fulfilled.state());
        assertTrue(holds.instructions(CT, fulfilled).isEmpty());
        assertEquals(0, fixture.hub.count("SELECT COUNT(*) FROM hold WHERE instructions IS NOT NULL"));
        assertEquals(0, fixture.held("test", Kind.CRISIS));
        assertEquals(0, fixture.free("test", Kind.CRISIS), "the bed is now occupied");
    }

    @Test
    void a_bed_taken_at_the_location_while_the_hold_was_on_its_way_refuses_the_hold_with_a_conflict() {
        // The node's link is down: the hold is placed at the hub, meanwhile the staff check someone into T5.
        Hold hold = holds.create(CT, HoldRequest.anywhere(Kind.CRISIS));
        assertEquals("T5", fixture.hub.registry.node("test-1").orElseThrow().places().stream()
                .filter(place -> place.kind() == Kind.CRISIS).findFirst().orElseThrow().key());
        Hold byBed = holds.create(CT, new HoldRequest("test", Kind.REGULAR, "T2"));

        List<Reply> replies = fixture.deliver(fixture.test.next(new Payload.CheckIn("T2", null, Messages.token(2), null, null)));

        Hold conflicted = holds.get(CT, byBed.id());
        assertEquals(HoldState.REFUSED, conflicted.state());
        assertEquals(HoldService.CONFLICT_BED, conflicted.conflict());
        assertEquals(HoldService.CONFLICT_BED, holds.list(CT).stream().filter(each -> each.id().equals(byBed.id())).findFirst()
                .orElseThrow().conflict(), "CT sees it");
        assertTrue(commands(replies).contains(new Command.ReleaseHold(byBed.id())));
        assertEquals(HoldState.REQUESTED, holds.get(CT, hold.id()).state(), "other holds stand");
        assertEquals(1, fixture.hub.count("SELECT COUNT(*) FROM event WHERE type = 'check_in' AND rejected IS NULL"),
                "the location's fact stands");
        assertEquals(1, fixture.hub.count("SELECT COUNT(*) FROM audit WHERE action = 'hold.conflict'"));
    }

    @Test
    void a_birth_showing_the_bed_occupied_refuses_the_hold_and_re_sends_the_unanswered_ones() {
        Hold t5 = holds.create(CT, new HoldRequest("test", Kind.CRISIS, "T5"));
        Hold t1 = holds.create(CT, new HoldRequest("test", Kind.REGULAR, "T1"));
        Messages restarted = new Messages("test", "test-1");
        List<Payload.BedState> beds = new ArrayList<>();
        for (int bed = 1; bed <= 4; bed++) {
            beds.add(new Payload.BedState("T" + bed, Kind.REGULAR, PlaceStatus.FREE));
        }
        beds.add(new Payload.BedState("T5", Kind.CRISIS, PlaceStatus.OCCUPIED));

        List<Reply> replies = fixture.deliver(restarted.next(new Payload.Birth("test", 30, beds, List.of())));

        assertEquals(HoldService.CONFLICT_BED, holds.get(CT, t5.id()).conflict());
        List<Command.Body> sent = commands(replies);
        assertTrue(sent.stream().anyMatch(body -> body instanceof Command.Hold resent && resent.hold().equals(t1.id())), sent.toString());
        assertTrue(sent.stream().noneMatch(body -> body instanceof Command.Hold resent && resent.hold().equals(t5.id())));
    }

    @Test
    void an_overfull_count_only_kind_refuses_the_newest_requests() {
        Messages nood = fixture.noodbeddenLive(2, 0);
        Hold older = holds.create(CT, new HoldRequest("noodbedden", Kind.NOOD, null));
        fixture.hub.clock.advance(java.time.Duration.ofSeconds(1));
        Hold newer = holds.create(CT, new HoldRequest("noodbedden", Kind.NOOD, null));

        fixture.deliver(nood.next(new Payload.Count(Kind.NOOD, 1)));

        assertEquals(HoldState.REQUESTED, holds.get(CT, older.id()).state());
        assertEquals(NodeAnswers.CONFLICT_FULL, holds.get(CT, newer.id()).conflict());
    }

    @Test
    void an_answer_to_a_hold_the_hub_already_ended_tells_the_node_to_release_it() {
        Hold hold = holds.create(CT, new HoldRequest("test", Kind.CRISIS, null));
        holds.cancel(CT, hold.id());

        List<Reply> replies = fixture.deliver(fixture.test.next(new Payload.HoldAccepted(hold.id(), null, "Kom maar")));

        assertEquals(HoldState.CANCELLED, holds.get(CT, hold.id()).state());
        assertTrue(commands(replies).contains(new Command.ReleaseHold(hold.id())));
    }

    /**
     * A node from before {@code accepted} in the hold command (docs/DESIGN.md §3) shows an accepted hold as a request,
     * and its staff may refuse it: the node has dropped it, so the hub ends it too, with a note for the requester.
     */
    @Test
    void a_refusal_of_an_accepted_hold_from_an_older_node_ends_it_at_the_hub_too() {
        Hold hold = holds.create(CT, new HoldRequest("test", Kind.CRISIS, null));
        holds.accept(PlacementFixture.NIGHT_TEST, hold.id(), "T5", "Om 23:00 bij de voordeur");
        Command.Hold sent = (Command.Hold) fixture.sentTo("test-1").get(fixture.sentTo("test-1").size() - 1);
        assertTrue(sent.accepted(), "accepted on a hub page: the node is told, so that nobody refuses it there");
        assertEquals("T5", sent.bed());

        fixture.deliver(fixture.test.next(new Payload.HoldRefused(hold.id(), "Geen plek vrij")));

        Hold refused = holds.get(CT, hold.id());
        assertEquals(HoldState.REFUSED, refused.state());
        assertEquals("Geen plek vrij", refused.refusal());
        assertEquals(HoldService.CONFLICT_REFUSED, refused.conflict());
        assertEquals(1, fixture.free("test", Kind.CRISIS), "hub and node agree: the place is free again");
        assertEquals(1, fixture.hub.count("SELECT COUNT(*) FROM audit WHERE action = 'hold.conflict'"));
    }

    private static List<Command.Body> commands(List<Reply> replies) {
        return replies.stream().filter(reply -> reply instanceof Reply.CommandReply)
                .map(reply -> ((Reply.CommandReply) reply).command().body()).toList();
    }
}
