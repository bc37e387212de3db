package nl.opvang.device.node;

import java.util.Optional;
import java.util.function.Consumer;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.HubStatus;
import nl.opvang.protocol.ProtocolException;
import nl.opvang.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub sends a node (docs/DESIGN.md §3): acks, commands (applied once each, by id), the hub's retained status
 * and the region's free places. Acks, a {@code resend} and a hub coming online drive the {@link OutboxSender}; other
 * commands go to the node. The region's free places are kept in the node database ({@link KeptCounts}, at most once a
 * minute) and read back at start, so that the kiosk can show the last list while the hub is unreachable (issue 15 item 11). Confined to {@link NodeLink}'s worker thread; only the hub's state and the counts are read
 * elsewhere.
 */
final class HubInbox {
    private static final Logger LOG = LoggerFactory.getLogger(HubInbox.class);
    private static final long KEEP_EVERY_MS = 60_000;

    private final NodeConfig config;
    private final NodeStore store;
    private final Codec codec;
    private final OutboxSender sender;
    private final Consumer<Command> commands;
    private final String ackTopic;
    private final String cmdTopic;
    private HubStatus lastHub;
    private volatile boolean hubUp;
    private volatile HubCounts regionCounts;
    /** When the counts were last written to the database: at most once a minute, to spare the Pi's SD card. */
    private long keptAtMs;

    HubInbox(NodeConfig config, NodeStore store, Codec codec, OutboxSender sender, Consumer<Command> commands) {
        this.config = config;
        this.store = store;
        this.codec = codec;
        this.sender = sender;
        this.commands = commands;
        this.ackTopic = Topics.node(config.site(), config.node(), Channel.ACK);
        this.cmdTopic = Topics.node(config.site(), config.node(), Channel.CMD);
        this.regionCounts = store.transaction(KeptCounts::latest).map(this::decodeKept).orElse(null);
    }

    private HubCounts decodeKept(byte[] payload) {
        try {
            return codec.decodeHubCounts(payload);
        } catch (ProtocolException e) {
            LOG.warn("node {}/{} ignored the kept region counts: {}", config.site(), config.node(), e.getMessage());
            return null;
        }
    }

    private void keep(byte[] payload) {
        long now = System.currentTimeMillis();
        if (now - keptAtMs < KEEP_EVERY_MS) {
            return;
        }
        keptAtMs = now;
        try {
            store.transaction(c -> KeptCounts.keep(c, payload, now));
        } catch (NodeStoreException e) {
            // A full or broken disk: the counts still show until a restart; the kiosk reports the disk by itself.
            LOG.warn("node {}/{} could not keep the region counts: {}", config.site(), config.node(), e.getMessage());
        }
    }

    /** The hub's last status said online; false until one has arrived. */
    boolean hubUp() {
        return hubUp;
    }

    /** The hub's latest summary of free places in the region, if one arrived. */
    Optional<HubCounts> regionCounts() {
        return Optional.ofNullable(regionCounts);
    }

    void onMessage(String topic, byte[] payload, boolean retained) {
        try {
            if (Topics.HUB_STATUS.equals(topic)) {
                onHubStatus(codec.decodeHubStatus(payload), retained);
            } else if (Topics.HUB_COUNTS.equals(topic)) {
                regionCounts = codec.decodeHubCounts(payload);
                keep(payload);
            } else if (topic.equals(ackTopic)) {
                sender.acknowledged(codec.decodeAck(payload));
            } else if (topic.equals(cmdTopic)) {
                onCommand(codec.decodeCommand(payload));
            }
        } catch (ProtocolException e) {
            LOG.warn("node {}/{} ignored a bad message on {}: {}", config.site(), config.node(), topic, e.getMessage());
        }
    }

    private void onHubStatus(HubStatus status, boolean retained) {
        boolean turnedOnline = status.online()
                && (lastHub == null || !lastHub.online() || !lastHub.started().equals(status.started()));
        lastHub = status;
        hubUp = status.online();
        // A retained status arrives right after our subscribe, and the connect has just resent everything.
        if (turnedOnline && !retained) {
            LOG.info("hub is online: resending the outbox of node {}/{}", config.site(), config.node());
            sender.resendFrom(1);
        }
    }

    private void onCommand(Command command) {
        boolean fresh = store.once(command.id(), command.type(), () -> {
            if (command.body() instanceof Command.Resend resend) {
                if (resend.session().equals(store.session())) {
                    // From the journal, acked rows too; what it no longer holds is declared lost in a birth.
                    long from = store.resend(resend.fromSeq(), Node.SOFTWARE);
                    if (from > resend.fromSeq()) {
                        LOG.warn("node {}/{} was asked to resend from seq {} but its journal starts at {}: sent a birth "
                                + "declaring the seqs before it lost", config.site(), config.node(), resend.fromSeq(), from);
                    }
                    sender.replayFrom(from);
                }
            } else {
                commands.accept(command);
            }
            return null;
        });
        if (!fresh) {
            LOG.debug("command {} was already applied", command.id());
        }
        sender.pump();
    }
}
