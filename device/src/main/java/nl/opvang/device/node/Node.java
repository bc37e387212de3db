package nl.opvang.device.node;

import java.time.Clock;
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
    private volatile String lastMessage;

    private Node(NodeConfig config, NodeStore store, LinkSettings settings) {
        this.config = config;
        this.store = store;
        this.pseudonymizer = new Pseudonymizer(config.tokenKeyId(), config.tokenKey());
        this.link = new NodeLink(config, store, settings, this::apply, this::heartbeat);
    }

    /** Opens the local database and starts connecting; returns at once, also when no broker is reachable. */
    public static Node start(NodeConfig config, Clock clock) {
        return start(config, clock, LinkSettings.defaults());
    }

    public static Node start(NodeConfig config, Clock clock, LinkSettings settings) {
        NodeStore store = NodeStore.open(config, clock);
        Node node;
        try {
            node = new Node(config, store, settings);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        // A new session, or places the hub has not heard of: start with a birth (docs/DESIGN.md §3).
        if (store.placesAdded() || store.nextSeq() == 1) {
            store.record(store.birthSnapshot(SOFTWARE));
        }
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

    public NodeMessage checkOut(String bed, String passNumber, String destination) {
        return record(new Payload.CheckOut(bed, store.bedKind(bed), pseudonymizer.token(passNumber), destination));
    }

    /** New occupied count of a count-only kind. */
    public NodeMessage count(Kind kind, int occupied) {
        return record(new Payload.Count(kind, occupied));
    }

    public NodeMessage bedStatus(String bed, PlaceStatus status) {
        return record(new Payload.BedStatus(bed, status));
    }

    public NodeMessage turnAway(String reason, Kind kind) {
        return record(new Payload.TurnAway(reason, kind));
    }

    public NodeMessage acceptHold(UUID hold, String bed, String instructions) {
        return record(new Payload.HoldAccepted(hold, bed, instructions));
    }

    public NodeMessage refuseHold(UUID hold, String reason) {
        return record(new Payload.HoldRefused(hold, reason));
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
            } else if (body instanceof Command.OpenNood) {
                nood(true, "open_nood");
            } else if (body instanceof Command.CloseNood) {
                nood(false, "close_nood");
            } else if (body instanceof Command.Config settings) {
                store.heartbeatSeconds(settings.heartbeatSeconds());
            } else if (body instanceof Command.Message message) {
                lastMessage = message.text();
            }
        } catch (OperationRefused e) {
            LOG.warn("node {}/{} could not apply command {}: {}", config.site(), config.node(), command.type(), e.getMessage());
        }
    }

    /** Cold-weather mode: the node applies it and confirms with a capacity event (docs/DESIGN.md §3). */
    private void nood(boolean open, String reason) {
        Optional<Payload.CountState> nood = store.state().count(Kind.NOOD);
        if (nood.isEmpty()) {
            LOG.info("node {}/{} has no nood places; {} ignored", config.site(), config.node(), reason);
            return;
        }
        store.record(new Payload.Capacity(Kind.NOOD, nood.get().capacity(), open, reason));
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
