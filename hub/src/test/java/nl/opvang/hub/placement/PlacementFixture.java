package nl.opvang.hub.placement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.opvang.gateway.Inbound;
import nl.opvang.gateway.Reply;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.ingest.EventStore;
import nl.opvang.hub.ingest.LostEvents;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;

/**
 * The hub's store as it runs (real SQLite, seed region plus test location) with the holds wired in: the ingest with
 * the holds' hook, and the commands the hub would publish recorded per node (the MQTT link is tested end to end in
 * {@code HoldsOverMqttTest}).
 */
final class PlacementFixture implements AutoCloseable {
    static final Principal CT = new Principal(1, "ct", Role.CT, null);
    static final Principal VEILIG_THUIS = new Principal(2, "veiligthuis", Role.VEILIG_THUIS, null);
    static final Principal OTHER_VT = new Principal(3, "veiligthuis-2", Role.VEILIG_THUIS, null);
    static final Principal VO_DESK = new Principal(4, "vo-desk", Role.VO_DESK, "Kwintes");
    static final Principal OTHER_DESK = new Principal(5, "leger-desk", Role.VO_DESK, "Leger des Heils");
    static final Principal NIGHT_TEST = new Principal(6, "nacht-test", Role.NIGHT_STAFF, "test");
    /** A second CT account (id 8 in {@link HoldHttpFixture}, after the VO desk of provider Demo). */
    static final Principal OTHER_CT = new Principal(8, "ct-2", Role.CT, null);

    final HubStoreFixture hub;
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final HoldService holds;
    final EventStore ingest;
    final Messages test = new Messages("test", "test-1");

    /** A command the hub handed to the MQTT link. */
    record Sent(String site, String node, Command command) {
    }

    PlacementFixture(Path dataDir) {
        this(dataDir, HoldPolicy.defaults());
    }

    PlacementFixture(Path dataDir, HoldPolicy policy) {
        hub = new HubStoreFixture(dataDir);
        holds = new HoldService(hub.database, hub.registry, hub.projection, new AuditLog(hub.clock), HoldKey.load(dataDir),
                policy, (site, node, command) -> sent.add(new Sent(site, node, command)), hub.clock);
        ingest = new EventStore(hub.database, hub.registry, hub.projection, hub.clock, Duration.ofSeconds(2), hub.metrics,
                new NodeAnswers(holds), new LostEvents(new AuditLog(hub.clock), hub.metrics));
    }

    List<Reply> deliver(NodeMessage... messages) {
        return ingest.store(java.util.Arrays.stream(messages)
                .map(message -> new Inbound(message, hub.clock.instant(), System.nanoTime())).toList());
    }

    /** The test location's node says hello: T1–T4 regular and T5 crisis, all free, and live. */
    void testLocationLive() {
        deliver(test.testBirth());
    }

    /** The winter beds' node is live with {@code capacity} open nood places, {@code occupied} taken. */
    Messages noodbeddenLive(int capacity, int occupied) {
        Messages nood = new Messages("noodbedden", "noodbedden-1");
        deliver(nood.next(new Payload.Birth("test", 30, List.of(),
                List.of(new Payload.CountState(Kind.NOOD, capacity, true, occupied)))));
        return nood;
    }

    List<Command.Body> sentTo(String node) {
        return sent.stream().filter(each -> each.node().equals(node)).map(each -> each.command().body()).toList();
    }

    int held(String site, Kind kind) {
        return hub.projection.snapshot().locations().get(site).kinds().stream().filter(each -> each.kind() == kind)
                .mapToInt(each -> each.held()).sum();
    }

    int free(String site, Kind kind) {
        return hub.projection.snapshot().locations().get(site).kinds().stream().filter(each -> each.kind() == kind)
                .mapToInt(each -> each.free()).sum();
    }

    @Override
    public void close() {
        hub.close();
    }
}
