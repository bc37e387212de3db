package nl.opvang.hub.placement;

import static nl.opvang.hub.placement.PlacementFixture.CT;
import static nl.opvang.hub.placement.PlacementFixture.NIGHT_TEST;
import static nl.opvang.hub.placement.PlacementFixture.OTHER_DESK;
import static nl.opvang.hub.placement.PlacementFixture.OTHER_VT;
import static nl.opvang.hub.placement.PlacementFixture.VEILIG_THUIS;
import static nl.opvang.hub.placement.PlacementFixture.VO_DESK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import nl.opvang.hub.store.StoreException;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HoldRefusal;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoldServiceTest {
    private static final String SECRET_TEXT = "Meld je om 23:00 bij de groene deur, vraag naar Anna-canary-7731";

    @TempDir
    Path dataDir;
    PlacementFixture fixture;
    HoldService holds;

    @BeforeEach
    void start() {
        fixture = new PlacementFixture(dataDir);
        holds = fixture.holds;
        fixture.testLocationLive();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void a_hold_for_a_free_bed_is_requested_sent_to_the_node_and_counted_as_held() {
        Hold hold = holds.create(CT, new HoldRequest("test", Kind.CRISIS, "T5"));

        assertEquals(HoldState.REQUESTED, hold.state());
        assertEquals("test-1", hold.node());
        assertEquals(fixture.hub.clock.instant().plus(Duration.ofHours(2)), hold.expiresAt());
        Command.Hold command = (Command.Hold) fixture.sentTo("test-1").get(0);
        assertEquals(hold.id(), command.hold());
        assertEquals("T5", command.bed());
        assertEquals("CT", command.from());
        assertEquals(1, fixture.held("test", Kind.CRISIS));
        assertEquals(0, fixture.free("test", Kind.CRISIS));
        assertTrue(holds.get(CT, hold.id()).lastSentAt() != null, "the send is noted");
    }

    @Test
    void a_second_hold_for_the_same_bed_is_a_conflict_and_the_index_refuses_it_too() {
        Hold first = holds.create(CT, new HoldRequest("test", Kind.REGULAR, "T1"));

        HoldProblem second = assertThrows(HoldProblem.class, () -> holds.create(CT, new HoldRequest("test", Kind.REGULAR, "T1")));
        assertEquals(409, second.status());
        StoreException direct = assertThrows(StoreException.class, () -> fixture.hub.database.transaction(c -> {
            try (PreparedStatement copy = c.prepareStatement("""
                    INSERT INTO hold (id, site, node, kind, bed, state, requester_id, requester_name, requester_role,
                        created_ms, expires_ms)
                    SELECT ?, site, node, kind, bed, 'accepted', requester_id, requester_name, requester_role, created_ms,
                        expires_ms FROM hold WHERE id = ?""")) {
                copy.setString(1, UUID.randomUUID().toString());
                copy.setString(2, first.id().toString());
                return copy.executeUpdate();
            }
        }));
        assertTrue(direct.getMessage().contains("UNIQUE"), direct.getMessage());
        holds.cancel(CT, first.id());
        assertEquals(HoldState.REQUESTED, holds.create(CT, new HoldRequest("test", Kind.REGULAR, "T1")).state(),
                "an ended hold no longer keeps the bed");
    }

    @Test
    void kind_holds_never_exceed_capacity_of_a_count_only_place() {
        fixture.noodbeddenLive(3, 1);

        holds.create(CT, new HoldRequest("noodbedden", Kind.NOOD, null));
        holds.create(CT, new HoldRequest("noodbedden", Kind.NOOD, null));

        HoldProblem full = assertThrows(HoldProblem.class, () -> holds.create(CT, new HoldRequest("noodbedden", Kind.NOOD, null)));
        assertEquals(409, full.status());
        assertEquals(2, fixture.held("noodbedden", Kind.NOOD));
        assertEquals(0, fixture.free("noodbedden", Kind.NOOD));
    }

    @Test
    void kind_holds_on_beds_leave_the_bed_to_the_location_and_count_against_free_beds() {
        holds.create(CT, new HoldRequest("test", Kind.CRISIS, null));

        assertEquals(409, assertThrows(HoldProblem.class,
                () -> holds.create(CT, new HoldRequest("test", Kind.CRISIS, "T5"))).status());
        assertEquals(1, fixture.held("test", Kind.CRISIS));
    }

    @Test
    void any_crisis_place_in_the_region_goes_to_the_live_location_with_most_free_crisis_places() {
        fixture.deliver(new nl.opvang.hub.testkit.Messages("vangalen", "vangalen-1").next(birthOfVanGalen()));

        Hold hold = holds.create(CT, HoldRequest.anywhere(Kind.CRISIS));

        assertEquals("vangalen", hold.site(), "2 free crisis places beat the test location's 1; offline ones never count");
        holds.create(CT, HoldRequest.anywhere(Kind.CRISIS));
        holds.create(CT, HoldRequest.anywhere(Kind.CRISIS));
        assertEquals(409, assertThrows(HoldProblem.class,
                () -> holds.create(CT, HoldRequest.anywhere(Kind.CRISIS))).status());
    }

    private static nl.opvang.protocol.Payload.Birth birthOfVanGalen() {
        List<nl.opvang.protocol.Payload.BedState> beds = new java.util.ArrayList<>();
        for (int bed = 1; bed <= 8; bed++) {
            beds.add(new nl.opvang.protocol.Payload.BedState(String.format("G%02d", bed), Kind.REGULAR,
                    nl.opvang.protocol.PlaceStatus.OCCUPIED));
        }
        for (int bed = 1; bed <= 5; bed++) {
            beds.add(new nl.opvang.protocol.Payload.BedState("O" + bed, Kind.OPSTART, nl.opvang.protocol.PlaceStatus.FREE));
        }
        beds.add(new nl.opvang.protocol.Payload.BedState("GC1", Kind.CRISIS, nl.opvang.protocol.PlaceStatus.FREE));
        beds.add(new nl.opvang.protocol.Payload.BedState("GC2", Kind.CRISIS, nl.opvang.protocol.PlaceStatus.FREE));
        return new nl.opvang.protocol.Payload.Birth("test", 30, beds, List.of());
    }

    @Test
    void only_live_locations_can_be_held() {
        HoldProblem offline = assertThrows(HoldProblem.class, () -> holds.create(CT, new HoldRequest("kw-vo", Kind.CRISIS, null)));
        assertEquals(409, offline.status());

        fixture.hub.clock.advance(Duration.ofMinutes(2));
        fixture.hub.projection.refreshFreshness();
        assertEquals(409, assertThrows(HoldProblem.class,
                () -> holds.create(CT, new HoldRequest("test", Kind.CRISIS, null))).status(), "a stale location is not held");
    }

    @Test
    void a_request_of_the_demos_past_is_the_row_a_real_one_leaves_and_counts_alike_in_the_placement_figure() {
        // Real: CT asks, the night staff accept on the hub, the check-in names it; CT asks, they refuse; CT asks, no
        // answer, it expires.
        Hold accepted = holds.create(CT, new HoldRequest("test", Kind.REGULAR, null));
        fixture.hub.clock.advance(Duration.ofMinutes(7));
        holds.accept(NIGHT_TEST, accepted.id(), "T1", "Kom maar");
        fixture.hub.clock.advance(Duration.ofMinutes(30));
        fixture.deliver(fixture.test.next(new Payload.CheckIn("T1", null, Messages.token(1), null, accepted.id())));
        Hold refused = holds.create(CT, new HoldRequest("test", Kind.CRISIS, null));
        fixture.hub.clock.advance(Duration.ofMinutes(4));
        holds.refuse(NIGHT_TEST, refused.id(), HoldRefusal.SAFETY.label());
        fixture.deliver(fixture.test.next(new Payload.Heartbeat()));
        Hold unanswered = holds.create(CT, new HoldRequest("test", Kind.REGULAR, null));
        fixture.hub.clock.advance(Duration.ofHours(2));
        fixture.deliver(fixture.test.next(new Payload.Heartbeat()));
        holds.expireDue();
        List<Hold> real = Stream.of(accepted, refused, unanswered).map(hold -> holds.get(CT, hold.id())).toList();

        // The same three as the demo's past, written afterwards.
        List<PastRequests.Past> past = List.of(
                past(real.get(0), "T1", null, real.get(0).endedAt()),
                past(real.get(1), null, HoldRefusal.SAFETY.label(), null),
                past(real.get(2), null, null, null));
        new PastRequests(fixture.hub.database, fixture.hub.registry, HoldPolicy.defaults(), fixture.hub.clock)
                .write(CT, past);

        for (int i = 0; i < real.size(); i++) {
            Hold written = holds.get(CT, past.get(i).id());
            assertEquals(real.get(i).endedAt(), written.closedAt(), "closed by its requester when it ended");
            assertEquals(withId(real.get(i), written.id()), withId(written, written.id()).closed(null),
                    "the row a real request leaves");
        }
        assertTrue(holds.list(CT).stream().filter(hold -> hold.closedAt() != null).count() == 3, "past ones closed");
        assertEquals(List.of(), fixture.hub.database.read(c -> HoldStore.active(c)), "nothing runs");

        nl.opvang.hub.monitoring.Answer answer = new nl.opvang.hub.monitoring.Monitoring(fixture.hub.database,
                fixture.hub.registry, List.of(), fixture.hub.clock).answer(nl.opvang.hub.monitoring.Figure.PLACEMENT,
                Map.of("maand", "2026-11")::get, false);
        Map<String, Double> shown = new java.util.TreeMap<>();
        answer.rows().forEach(row -> shown.put(row.code(), row.cell().count() != null
                ? row.cell().count().doubleValue() : row.cell().value()));
        assertEquals(Map.of("requests", 6.0, "accepted", 2.0, "refused", 2.0, "expired", 2.0, "minutes_to_answer", 5.5,
                "no_place", 0.0, "unsuited", 0.0, "safety", 2.0, "other", 0.0), shown, "each counted twice alike");
    }

    private static PastRequests.Past past(Hold real, String bed, String refusal, java.time.Instant fulfilled) {
        return new PastRequests.Past(UUID.randomUUID(), real.site(), real.node(), real.kind(), real.createdAt(),
                real.answeredAt(), bed, refusal, fulfilled);
    }

    private static Hold withId(Hold hold, UUID id) {
        return new Hold(id, hold.site(), hold.node(), hold.kind(), hold.bed(), hold.state(), hold.requesterId(),
                hold.requester(), hold.requesterRole(), hold.createdAt(), hold.expiresAt(), hold.answeredAt(),
                hold.acceptedBed(), hold.refusal(), hold.conflict(), hold.lastSentAt(), hold.endedAt(), hold.closedAt());
    }

    @Test
    void a_hold_expires_after_its_time_and_the_place_is_free_again() {
        Hold hold = holds.create(CT, new HoldRequest("test", Kind.CRISIS, "T5"));
        fixture.hub.clock.advance(Duration.ofMinutes(119));
        assertEquals(List.of(), holds.expireDue());
        fixture.deliver(fixture.test.next(new nl.opvang.protocol.Payload.Heartbeat()));

        fixture.hub.clock.advance(Duration.ofMinutes(1));
        fixture.deliver(fixture.test.next(new nl.opvang.protocol.Payload.Heartbeat()));
        List<Hold> expired = holds.expireDue();

        assertEquals(List.of(hold.id()), expired.stream().map(Hold::id).toList());
        assertEquals(HoldState.EXPIRED, holds.get(CT, hold.id()).state());
        assertTrue(fixture.sentTo("test-1").contains(new Command.ReleaseHold(hold.id())));
        assertEquals(0, fixture.held("test", Kind.CRISIS));
        assertEquals(1, fixture.free("test", Kind.CRISIS));
    }

    @Test
    void expiry_is_configurable_per_kind() {
        fixture.close();
        fixture = new PlacementFixture(dataDir.resolve("other"), new HoldPolicy(Duration.ofHours(2),
                Map.of(Kind.CRISIS, Duration.ofMinutes(30))));
        fixture.testLocationLive();

        Hold crisis = fixture.holds.create(CT, new HoldRequest("test", Kind.CRISIS, null));
        Hold regular = fixture.holds.create(CT, new HoldRequest("test", Kind.REGULAR, null));

        assertEquals(Duration.ofMinutes(30), Duration.between(crisis.createdAt(), crisis.expiresAt()));
        assertEquals(Duration.ofHours(2), Duration.between(regular.createdAt(), regular.expiresAt()));
    }

    @Test
    void the_requester_or_ct_may_cancel_and_the_node_is_told_to_release() {
        Hold hold = holds.create(CT, HoldRequest.anywhere(Kind.CRISIS));

        assertEquals(404, assertThrows(HoldProblem.class, () -> holds.cancel(OTHER_DESK, hold.id())).status(),
                "a desk of another provider does not even see it");
        assertEquals(HoldState.CANCELLED, holds.cancel(CT, hold.id()).state());
        assertTrue(fixture.sentTo("test-1").contains(new Command.ReleaseHold(hold.id())));
        assertEquals(409, assertThrows(HoldProblem.class, () -> holds.cancel(CT, hold.id())).status(), "already ended");
    }

    @Test
    void who_may_request_and_answer_follows_the_roles() {
        assertEquals(403, assertThrows(HoldProblem.class,
                () -> holds.create(VEILIG_THUIS, new HoldRequest(null, Kind.REGULAR, null))).status());
        assertEquals(403, assertThrows(HoldProblem.class,
                () -> holds.create(VEILIG_THUIS, HoldRequest.anywhere(Kind.CRISIS))).status(), "Veilig Thuis refers (issue 14)");
        assertEquals(403, assertThrows(HoldProblem.class,
                () -> holds.create(VEILIG_THUIS, new HoldRequest("test", Kind.CRISIS, null))).status());
        assertEquals(403, assertThrows(HoldProblem.class,
                () -> holds.create(VO_DESK, HoldRequest.anywhere(Kind.CRISIS))).status());
        Hold hold = holds.create(CT, HoldRequest.anywhere(Kind.CRISIS));

        assertEquals(404, assertThrows(HoldProblem.class, () -> holds.accept(OTHER_DESK, hold.id(), null, "x")).status());
        assertEquals(403, assertThrows(HoldProblem.class, () -> holds.accept(CT, hold.id(), null, "x")).status());
        assertEquals(List.of(hold.id()), holds.list(NIGHT_TEST).stream().map(Hold::id).toList());
        assertEquals(List.of(), holds.list(OTHER_VT));
        assertEquals(HoldState.REFUSED, holds.refuse(NIGHT_TEST, hold.id(), "Past niet bij de groep").state());
        assertEquals("Past niet bij de groep", holds.get(CT, hold.id()).refusal());
    }

    /** Issue 14: the VO desk answers for its provider's vrouwenopvang only, never for an MO site of that provider. */
    @Test
    void the_vo_desk_answers_only_for_its_providers_vo_locations_and_places_there_accepted_holds_ct_does_not_see() {
        fixture.deliver(new nl.opvang.hub.testkit.Messages("vangalen", "vangalen-1").next(birthOfVanGalen()));
        Hold mo = holds.create(CT, new HoldRequest("vangalen", Kind.CRISIS, null));
        assertEquals(404, assertThrows(HoldProblem.class, () -> holds.accept(VO_DESK, mo.id(), null, "x")).status(),
                "Van Galenstraat is Kwintes's, but MO: not the VO desk's");
        assertEquals(403, assertThrows(HoldProblem.class, () -> holds.createAccepted(VO_DESK,
                new HoldRequest("vangalen", Kind.CRISIS, null), (c, hold) -> { })).status());
        assertEquals(403, assertThrows(HoldProblem.class, () -> holds.createAccepted(OTHER_DESK,
                new HoldRequest("kw-vo", Kind.CRISIS, null), (c, hold) -> { })).status());
        assertEquals(409, assertThrows(HoldProblem.class, () -> holds.createAccepted(VO_DESK,
                new HoldRequest("kw-vo", Kind.CRISIS, null), (c, hold) -> { })).status(), "kw-vo is not live here");
    }

    @Test
    void instructions_are_encrypted_at_rest_shown_only_to_the_requester_and_deleted_when_the_hold_ends() throws IOException {
        fixture.close();
        fixture = new PlacementFixture(dataDir);
        holds = fixture.holds;
        fixture.testLocationLive();
        Hold hold = holds.create(CT, HoldRequest.anywhere(Kind.CRISIS));

        Hold accepted = fixture.holds.accept(NIGHT_TEST, hold.id(), "T5", SECRET_TEXT);

        assertEquals(HoldState.ACCEPTED, accepted.state());
        assertEquals(SECRET_TEXT, holds.instructions(CT, accepted).orElseThrow());
        assertTrue(holds.instructions(NIGHT_TEST, accepted).isEmpty(), "the location sees the hold, not the instructions");
        assertFalse(databaseFilesContain("Anna-canary-7731"), "the instructions are not in the database files");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(HoldKey.FILE))));
        assertEquals(1, fixture.hub.count("SELECT COUNT(*) FROM hold WHERE instructions IS NOT NULL"));

        fixture.hub.clock.advance(Duration.ofHours(3));
        holds.expireDue();

        assertEquals(0, fixture.hub.count("SELECT COUNT(*) FROM hold WHERE instructions IS NOT NULL"));
        assertTrue(holds.instructions(CT, holds.get(CT, hold.id())).isEmpty());
    }

    @Test
    void every_change_is_audited_without_instructions() throws SQLException {
        Hold hold = holds.create(CT, HoldRequest.anywhere(Kind.CRISIS));
        holds.accept(NIGHT_TEST, hold.id(), null, SECRET_TEXT);
        holds.cancel(CT, hold.id());

        List<String> entries = fixture.hub.database.read(c -> {
            List<String> rows = new java.util.ArrayList<>();
            try (var query = c.prepareStatement("SELECT actor, action, detail FROM audit WHERE subject = ? ORDER BY seq")) {
                query.setString(1, "hold:" + hold.id());
                try (var result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3));
                    }
                }
            }
            return rows;
        });
        assertEquals(3, entries.size(), entries.toString());
        assertTrue(entries.get(0).startsWith("ct hold.requested site=test node=test-1 kind=crisis"), entries.get(0));
        assertTrue(entries.get(1).startsWith("nacht-test hold.accepted"), entries.get(1));
        assertTrue(entries.get(2).startsWith("ct hold.cancelled"), entries.get(2));
        assertTrue(entries.stream().noneMatch(entry -> entry.contains("canary")));
        assertNull(fixture.hub.database.read(c -> {
            try (var query = c.prepareStatement("SELECT instructions FROM hold")) {
                var rows = query.executeQuery();
                rows.next();
                return rows.getString(1);
            }
        }));
    }

    private boolean databaseFilesContain(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(each -> each.getFileName().toString().startsWith("hub.db")).toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
