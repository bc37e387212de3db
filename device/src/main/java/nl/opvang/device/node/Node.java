package nl.opvang.device.node;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.protocol.TurnAwayReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A location node: what the kiosk and the simulator call. Every operation returns only after the local durable
 * commit (the moment the kiosk may say "bewaard"); publishing to the hub happens behind it, from the outbox.
 * Pass numbers are turned into tokens at once and never stored or sent.
 */
public final class Node implements AutoCloseable {
    /** The software version in births. */
    public static final String SOFTWARE = Optional.ofNullable(Node.class.getPackage().getImplementationVersion()).orElse("0.1.0");
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private static final int REJECTIONS_SHOWN = 50;

    private final NodeConfig config;
    private final NodeStore store;
    private final Pseudonymizer pseudonymizer;
    private final NodeLink link;
    private final Clock clock;
    private volatile String lastMessage;

    private Node(NodeConfig config, NodeStore store, LinkSettings settings, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.pseudonymizer = new Pseudonymizer(config.tokenKeyId(), config.tokenKey());
        this.link = new NodeLink(config, store, settings, this::apply, this::heartbeat, this::settle);
    }

    /** Opens the local database and starts connecting; returns at once, also when no broker is reachable. */
    public static Node start(NodeConfig config, Clock clock) {
        return start(config, clock, LinkSettings.defaults());
    }

    public static Node start(NodeConfig config, Clock clock, LinkSettings settings) {
        NodeStore store = NodeStore.open(config, clock);
        Node node;
        try {
            node = new Node(config, store, settings, clock);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        // A new session, or places the hub has not heard of: start with a birth (docs/DESIGN.md §3).
        if (store.placesAdded() || store.nextSeq() == 1) {
            store.record(store.birthSnapshot(SOFTWARE));
        }
        // An end time that passed while the node was off takes effect now (issue 13).
        node.settle();
        node.link.start();
        return node;
    }

    public NodeConfig config() {
        return config;
    }

    public String session() {
        return store.session();
    }

    public NodeMessage checkIn(String bed, String passNumber, String origin) {
        return checkIn(bed, passNumber, origin, null);
    }

    /** A check-in that fulfils an accepted hold. */
    public NodeMessage checkIn(String bed, String passNumber, String origin, UUID hold) {
        return record(new Payload.CheckIn(bed, store.bedKind(bed), pseudonymizer.token(passNumber), origin, hold));
    }

    /**
     * The check-in of an accepted hold (an expected arrival, docs/DESIGN.md §3): on {@code bed}, or without one on a
     * count-only place of the hold's kind.
     */
    public NodeMessage checkInHold(UUID hold, String bed, String passNumber, String origin) {
        if (bed != null) {
            return checkIn(bed, passNumber, origin, hold);
        }
        IncomingHold incoming = store.incomingHolds().stream().filter(each -> each.hold().equals(hold)).findFirst()
                .orElseThrow(() -> new OperationRefused("hold " + hold + " is not a request for this location (or it ended)"));
        return record(new Payload.CheckIn(null, incoming.kind(), pseudonymizer.token(passNumber), origin, hold));
    }

    public NodeMessage checkOut(String bed, String passNumber, String destination) {
        return record(new Payload.CheckOut(bed, store.bedKind(bed), pseudonymizer.token(passNumber), destination));
    }

    /**
     * Ends the stay in {@code bed} without the pass (lost, or the guest left; staff confirmed it with their PIN): the
     * token stored at check-in closes the stay, and the event says {@code withoutPass} (issue 15 item 8).
     */
    public NodeMessage checkOutWithoutPass(String bed, String destination) {
        Kind kind = store.bedKind(bed);
        String token = store.transaction(c -> Places.occupant(c, bed));
        if (token == null) {
            throw new OperationRefused("bed " + bed + " is not occupied, nobody to check out");
        }
        return record(new Payload.CheckOut(bed, kind, token, destination, true));
    }

    /** New occupied count of a count-only kind. */
    public NodeMessage count(Kind kind, int occupied) {
        return record(new Payload.Count(kind, occupied));
    }

    public NodeMessage bedStatus(String bed, PlaceStatus status) {
        return record(new Payload.BedStatus(bed, status));
    }

    public NodeMessage turnAway(TurnAwayReason reason, Kind kind) {
        return record(new Payload.TurnAway(reason, kind));
    }

    public NodeMessage acceptHold(UUID hold, String bed, String instructions) {
        return record(new Payload.HoldAccepted(hold, bed, instructions));
    }

    public NodeMessage refuseHold(UUID hold, String reason) {
        return record(new Payload.HoldRefused(hold, reason));
    }

    /** What the kiosk shows after a rights request: the reference to quote and, for access, this node's own rows. */
    public record PrivacyAnswer(String reference, LocalStays local) {
    }

    /**
     * A person's rights request at the kiosk with their pass (docs/DESIGN.md §5): the token is derived as for a
     * check-in and sent to the hub as a {@code privacy_request} through the journal; the pass number is neither stored
     * nor sent. {@code right} is {@code access}, {@code erasure} or {@code restriction}.
     */
    public PrivacyAnswer privacyRequest(String right, String passNumber) {
        String token = pseudonymizer.token(passNumber);
        Payload.PrivacyRequest request = new Payload.PrivacyRequest(right, token, UUID.randomUUID());
        LocalStays local = right.equals("access") ? store.transaction(c -> LocalStays.of(c, token)) : null;
        record(request);
        return new PrivacyAnswer(request.reference(), local);
    }

    /**
     * Opens the nood places here (kiosk, panel): {@code capacity} of them (null: all configured) until {@code until},
     * when they close by themselves (never under a guest). Refused for an end time not in the future or more places
     * than configured.
     */
    public NodeMessage openNood(Integer capacity, Instant until, String reason) {
        if (!until.isAfter(clock.instant())) {
            throw new OperationRefused("nood: the end time " + until + " is not in the future");
        }
        return recordCapacity((c, now) -> List.of(Capacities.openNood(c, capacity, until, reason, false)));
    }

    /** Closes the nood places here, or marks them closing while a guest is still in one. */
    public NodeMessage closeNood(String reason) {
        return recordCapacity((c, now) -> List.of(Capacities.closeNood(c, now, reason)));
    }

    /** The nood places with the node's bookkeeping (configured places, closing), when this location has them as counts. */
    public Optional<CountPlace> nood() {
        return store.countPlace(Kind.NOOD);
    }

    public PlaceState state() {
        return store.state();
    }

    /** Events recorded here that the hub has not acknowledged yet ("N wachten op verzending"). */
    public long pendingCount() {
        return store.pendingCount();
    }

    public boolean hubConnected() {
        return link.hubConnected();
    }

    public boolean brokerConnected() {
        return link.brokerConnected();
    }

    /** Publishes Paho refused with 32202 (its in-flight limit full) that the link held back and sent later. */
    public long deferredPublishes() {
        return link.deferredPublishes();
    }

    public List<IncomingHold> incomingHolds() {
        return store.incomingHolds();
    }

    /** Events the hub stored but refused, newest first. */
    public List<Rejection> lastRejections() {
        return store.lastRejections(REJECTIONS_SHOWN);
    }

    /** The hub's latest summary of live free places per location, for referring someone at the door. */
    public Optional<HubCounts> regionCounts() {
        return link.regionCounts();
    }

    /** The last text the hub sent with a {@code message} command. */
    public Optional<String> lastMessage() {
        return Optional.ofNullable(lastMessage);
    }

    private NodeMessage record(Payload payload) {
        NodeMessage message = store.record(payload);
        link.wake();
        return message;
    }

    private NodeMessage recordCapacity(NodeStore.CapacityDecision decision) {
        List<NodeMessage> recorded = store.recordCapacity(decision);
        link.wake();
        return recorded.get(recorded.size() - 1);
    }

    /** Records what is due now without a command (end times, places closing when free); on the link's worker. */
    private void settle() {
        if (!store.recordCapacity(Capacities::due).isEmpty()) {
            link.wake();
        }
    }

    private void heartbeat() {
        record(new Payload.Heartbeat());
    }

    /** Applies a command on the link's worker, inside the transaction that marks its id as processed. */
    private void apply(Command command) {
        Command.Body body = command.body();
        try {
            if (body instanceof Command.Rebirth) {
                store.record(store.birthSnapshot(SOFTWARE));
            } else if (body instanceof Command.Hold hold) {
                store.addHold(hold);
            } else if (body instanceof Command.ReleaseHold release) {
                store.releaseHold(release.hold());
            } else if (body instanceof Command.OpenNood open) {
                // The hub's end time counts even when already past: then the places close (or start closing) at once.
                store.recordCapacity((c, now) -> List.of(Capacities.openNood(c, open.capacity(), open.until(), "open_nood",
                        true)));
            } else if (body instanceof Command.CloseNood) {
                store.recordCapacity((c, now) -> List.of(Capacities.closeNood(c, now, "close_nood")));
            } else if (body instanceof Command.SetCapacity limit) {
                store.recordCapacity((c, now) -> List.of(Capacities.setCapacity(c, limit.kind(), limit.capacity(), "set_capacity")));
            } else if (body instanceof Command.Config settings) {
                store.heartbeatSeconds(settings.heartbeatSeconds());
            } else if (body instanceof Command.Message message) {
                lastMessage = message.text();
            }
        } catch (OperationRefused e) {
            LOG.warn("node {}/{} could not apply command {}: {}", config.site(), config.node(), command.type(), e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            link.close();
        } finally {
            store.close();
        }
    }
}
