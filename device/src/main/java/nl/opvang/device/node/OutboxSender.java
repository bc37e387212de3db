package nl.opvang.device.node;

import java.util.List;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending half of the node's link (docs/DESIGN.md §3, "Delivery"): publishes the outbox in {@code seq} order with a
 * bounded window, starts over from a given {@code seq} when asked to resend, counts what the broker confirmed, and
 * resends everything unacked after {@link LinkSettings#ackTimeout()} without an ack. The SQLite outbox decides what is
 * sent; this class only keeps the cursor and the window. Confined to {@link NodeLink}'s worker thread, like the link
 * itself.
 */
final class OutboxSender {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final NodeConfig config;
    private final NodeStore store;
    private final LinkSettings settings;
    private final MqttAsyncClient client;
    /** Schedules {@link #retryPump()} on the worker a moment later. */
    private final Runnable retrySoon;

    private boolean linkUp;
    private boolean pumpScheduled;
    /** Counts connections: a broker confirmation of a publish made on an earlier connection frees no window slot. */
    private long generation;
    private int inFlight;
    private long cursor;
    /**
     * Acked journal rows from this seq on are sent again: a hub restored from a backup asked for them
     * (docs/DESIGN.md §3).
     */
    private long replayFrom = Long.MAX_VALUE;
    /** Highest seq published by this process: an ack deletes no row beyond it (another node may share our identity). */
    private long sent;
    private long awaitingAckSinceNanos = -1;
    private volatile long deferredPublishes;

    OutboxSender(NodeConfig config, NodeStore store, LinkSettings settings, MqttAsyncClient client, Runnable retrySoon) {
        this.config = config;
        this.store = store;
        this.settings = settings;
        this.client = client;
        this.retrySoon = retrySoon;
    }

    /** How often Paho refused a publish because its own in-flight limit was reached (32202), so it waited and retried. */
    long deferredPublishes() {
        return deferredPublishes;
    }

    /** A new connection: nothing of it is in flight yet, and the caller resends from the start. */
    void connected() {
        linkUp = true;
        generation++;
        inFlight = 0;
    }

    void disconnected() {
        linkUp = false;
        inFlight = 0;
    }

    /** Publishes unacked rows after the cursor until the window is full; the SQLite outbox decides what is sent. */
    void pump() {
        while (linkUp && inFlight < settings.window()) {
            List<Outgoing> batch = store.outgoing(cursor, replayFrom, settings.window() - inFlight);
            if (batch.isEmpty()) {
                return;
            }
            for (Outgoing row : batch) {
                try {
                    client.publish(Topics.node(config.site(), config.node(), row.channel()), row.payload(), Topics.QOS,
                            false, generation, null);
                } catch (MqttException e) {
                    if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                        // Back-pressure, not "sent" (docs/DESIGN.md §9): the row stays after the cursor and is tried
                        // again.
                        deferredPublishes++;
                        if (!pumpScheduled) {
                            pumpScheduled = true;
                            retrySoon.run();
                        }
                    } else {
                        LOG.debug("publish of seq {} failed: {}", row.seq(), e.getMessage());
                    }
                    return;
                }
                cursor = row.seq();
                sent = Math.max(sent, row.seq());
                inFlight++;
                if (awaitingAckSinceNanos < 0) {
                    awaitingAckSinceNanos = System.nanoTime();
                }
            }
        }
    }

    /** The delayed pump after Paho said "too many publishes in progress". */
    void retryPump() {
        pumpScheduled = false;
        pump();
    }

    /** Sends everything unacked again, from {@code seq} on. */
    void resendFrom(long seq) {
        cursor = Math.min(cursor, seq - 1);
        awaitingAckSinceNanos = System.nanoTime();
        pump();
    }

    /** The hub asked for {@code from} on, acked rows too (from the journal): replays them, then resends. */
    void replayFrom(long from) {
        replayFrom = Math.min(replayFrom, from);
        resendFrom(from);
    }

    /** The broker confirmed a publish ({@code context}: the connection it was made on). */
    void delivered(Object context) {
        if (context instanceof Long publishedIn && publishedIn == generation) {
            inFlight = Math.max(0, inFlight - 1);
            if (inFlight <= settings.window() / 2) {
                pump();
            }
        }
    }

    void acknowledged(Ack ack) {
        store.acknowledge(ack, sent);
        if (ack.session().equals(store.session()) && replayFrom != Long.MAX_VALUE) {
            // What the hub has stored needs no replay; past the journal's end this is the plain outbox again.
            replayFrom = Math.max(replayFrom, ack.seq() + 1);
        }
        awaitingAckSinceNanos = store.pendingCount() > 0 ? System.nanoTime() : -1;
        pump();
    }

    /** Once a second: no ack for the ack time-out while rows wait means the hub missed them, so send them again. */
    void checkAckTimeout() {
        if (linkUp && awaitingAckSinceNanos >= 0
                && System.nanoTime() - awaitingAckSinceNanos >= settings.ackTimeout().toNanos()) {
            if (store.pendingCount() > 0) {
                LOG.info("no ack for {} s: node {}/{} resends its outbox", settings.ackTimeout().toSeconds(),
                        config.site(), config.node());
                resendFrom(1);
            } else {
                awaitingAckSinceNanos = -1;
            }
        }
    }
}
