package nl.opvang.device.node;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;

/**
 * The node's local SQLite database: session, next {@code seq}, the outbox (the one record of what is still to send),
 * the location's places, processed command ids, rejections and the connection counter. Every operation is one
 * transaction; {@link #record} allocates the {@code seq} and writes the outbox row in the same commit
 * (docs/DESIGN.md §3). Thread-safe.
 */
public final class NodeStore implements AutoCloseable {
    /** The file name inside {@link NodeConfig#dataDir()}. */
    public static final String FILE_NAME = "node.db";

    private final NodeDatabase database;
    private final NodeConfig config;
    private final Clock clock;
    private final Codec codec = new Codec();
    private final String session;
    private final boolean placesAdded;
    private volatile long lastRecordNanos = System.nanoTime();
    private volatile int heartbeatSeconds;

    private NodeStore(NodeDatabase database, NodeConfig config, Clock clock) {
        this.database = database;
        this.config = config;
        this.clock = clock;
        this.session = database.transaction(NodeMeta::session);
        this.placesAdded = database.transaction(c -> Places.seed(c, config));
        long stored = database.transaction(NodeMeta::heartbeatSeconds);
        this.heartbeatSeconds = stored > 0 ? (int) stored : config.heartbeatSeconds();
    }

    /** Opens the database in the config's data folder, creating it (with a new session) and seeding places as needed. */
    public static NodeStore open(NodeConfig config, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new NodeStore(NodeDatabase.open(config.dataDir().resolve(FILE_NAME), now), config, clock);
    }

    public String session() {
        return session;
    }

    /** True when opening added places (a new database, or new places in the config): the hub needs a birth. */
    public boolean placesAdded() {
        return placesAdded;
    }

    /**
     * Allocates the next {@code seq}, builds the message, applies it to the local state and writes the outbox row, in
     * one transaction. Returns only after the commit. A refused operation throws {@link OperationRefused} and writes nothing.
     */
    public NodeMessage record(Payload payload) {
        return database.transaction(c -> {
            NodeMessage message = recordOne(c, payload);
            if (payload instanceof Payload.CheckOut || payload instanceof Payload.Count) {
                // A guest left: a place waiting to close (or to come down to its limit) does so in the same commit.
                for (Payload.Capacity change : Capacities.due(c, clock.instant())) {
                    recordOne(c, change);
                }
            }
            return message;
        });
    }

    /**
     * Decides capacity events from the stored state ({@link Capacities}) and records them, all in one transaction with
     * the bookkeeping the decision wrote: a power cut leaves either all of it or none.
     */
    public List<NodeMessage> recordCapacity(CapacityDecision decision) {
        return database.transaction(c -> {
            List<NodeMessage> recorded = new ArrayList<>();
            for (Payload.Capacity change : decision.decide(c, clock.instant().truncatedTo(ChronoUnit.MILLIS))) {
                recorded.add(recordOne(c, change));
            }
            return recorded;
        });
    }

    private NodeMessage recordOne(Connection c, Payload payload) throws SQLException {
        long seq = NodeMeta.nextSeq(c);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Envelope envelope = new Envelope(Envelope.VERSION, UUID.randomUUID(), config.site(), config.node(), session, seq, at);
        NodeMessage built = new NodeMessage(envelope, payload);
        Places.apply(c, payload);
        Holds.apply(c, payload);
        byte[] encoded = codec.encode(built);
        if (encoded.length > Codec.MAX_BYTES) {
            // The broker would drop it and still complete the QoS flow (docs/DESIGN.md §9): refuse it here,
            // visibly.
            throw new OperationRefused("message of " + encoded.length + " bytes is larger than " + Codec.MAX_BYTES);
        }
        Journal.append(c, seq, envelope.id().toString(), payload.type(), encoded, at);
        NodeMeta.advanceSeq(c);
        lastRecordNanos = System.nanoTime();
        return built;
    }

    /**
     * Settles what the hub stored or refused (seq ≤ ack.seq): marks it acked in the journal (kept for the configured
     * period, so a hub restored from a backup can ask for it again), keeping each refused row whole in {@code rejection}
     * for the kiosk and support; an ack of another session is ignored. A rejection that names an id applies only to the
     * row with that id: another node with this identity (a cloned card) shares the ack topic, and its refused copy is
     * not this node's. Returns the rows newly acked.
     */
    public int acknowledge(Ack ack) {
        return acknowledge(ack, Long.MAX_VALUE);
    }

    /**
     * As {@link #acknowledge(Ack)}, deleting as stored only rows this node has sent ({@code seq ≤ sentUpTo}): a second
     * node with this identity shares the ack topic, and an ack for its copies must not delete rows never sent. A row
     * kept this way is sent and acked (or refused) for itself; a refused row that names its id goes in any case.
     */
    public int acknowledge(Ack ack, long sentUpTo) {
        if (!session.equals(ack.session())) {
            return 0;
        }
        long received = clock.instant().toEpochMilli();
        return database.transaction(c -> {
            for (Ack.Rejection rejection : ack.rejected()) {
                Rejections.keep(c, session, rejection, received);
            }
            return Journal.settle(c, session, ack.seq(), sentUpTo, clock.instant());
        });
    }

    /** Unacked outbox rows with {@code seq > afterSeq}, in seq order, at most {@code limit}: a big backlog is read in batches. */
    public List<Outgoing> unacked(long afterSeq, int limit) {
        return outgoing(afterSeq, Long.MAX_VALUE, limit);
    }

    /** Like {@link #unacked}, and acked journal rows too from {@code replayFrom} on: what a hub asked to get again. */
    public List<Outgoing> outgoing(long afterSeq, long replayFrom, int limit) {
        return database.transaction(c -> Journal.rows(c, afterSeq, replayFrom, limit));
    }

    /** Rows not acked yet ("N wachten op verzending"). */
    public long pendingCount() {
        return database.transaction(Journal::unackedCount);
    }

    /** Rows in the journal, acked or not. */
    public long journalSize() {
        return database.transaction(Journal::size);
    }

    /**
     * Answers the hub's {@code resend} from {@code fromSeq} (docs/DESIGN.md §3): returns the seq to send from. When the
     * journal no longer reaches back that far, records a birth (the full state now) declaring the seqs it lacks as
     * lost, once per gap, so that the hub can record the gap and go on instead of waiting for what no one holds.
     */
    public long resend(long fromSeq, String software) {
        return database.transaction(c -> {
            long oldest = Journal.oldestSeq(c, NodeMeta.nextSeq(c));
            if (fromSeq >= oldest) {
                return fromSeq;
            }
            if (!Journal.lostDeclared(c, codec, fromSeq)) {
                record(birthSnapshot(software).withLost(new Payload.Lost(fromSeq, oldest - 1)));
            }
            return oldest;
        });
    }

    /**
     * Removes acked rows whose ack is older than the configured journal period, and rejections received before it;
     * returns how many journal rows.
     */
    public int pruneJournal() {
        Instant cutoff = clock.instant().minus(java.time.Duration.ofDays(config.journalDays()));
        return database.transaction(c -> {
            Rejections.prune(c, cutoff);
            return Journal.prune(c, cutoff);
        });
    }

    /** The {@code seq} the next recorded message will get. */
    public long nextSeq() {
        return database.transaction(NodeMeta::nextSeq);
    }

    /** Counts a connect and returns its number, for the status and the last will of that connection. */
    public long nextConnection() {
        return database.transaction(NodeMeta::countConnection);
    }

    public PlaceState state() {
        return database.transaction(Places::read);
    }

    /** The kind of a bed of this location; {@link OperationRefused} for an unknown bed. */
    public Kind bedKind(String bed) {
        return database.transaction(c -> Places.bedKind(c, bed));
    }

    /** A full snapshot of the places for a birth. */
    public Payload.Birth birthSnapshot(String software) {
        PlaceState state = state();
        return new Payload.Birth(software, heartbeatSeconds(), state.beds(), state.counts());
    }

    public int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    /** Kept across restarts: the hub's {@code config} command overrides the config file. */
    public void heartbeatSeconds(int seconds) {
        database.transaction(c -> {
            NodeMeta.heartbeatSeconds(c, seconds);
            return null;
        });
        heartbeatSeconds = seconds;
    }

    /** The node's own bookkeeping of a count-only kind (configured places, closing), if it has that kind. */
    public Optional<CountPlace> countPlace(Kind kind) {
        return database.transaction(c -> Capacities.count(c, kind));
    }

    /** Nanos ({@link System#nanoTime()}) of the last recorded message, or of opening the store. */
    public long lastRecordNanos() {
        return lastRecordNanos;
    }

    /**
     * Runs {@code work} once per command id: the id is stored in the same transaction as the work's own writes, so a
     * command delivered twice is applied once. Returns false (and does nothing) for an id already processed.
     */
    public boolean once(UUID commandId, String type, Supplier<?> work) {
        long received = clock.instant().toEpochMilli();
        return database.transaction(c -> {
            if (!NodeMeta.markProcessed(c, commandId, type, received)) {
                return false;
            }
            work.get();
            return true;
        });
    }

    public void addHold(Command.Hold hold) {
        Instant received = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        database.transaction(c -> {
            Holds.add(c, hold, received);
            return null;
        });
    }

    public void releaseHold(UUID hold) {
        database.transaction(c -> {
            Holds.remove(c, hold);
            return null;
        });
    }

    public List<IncomingHold> incomingHolds() {
        return database.transaction(Holds::list);
    }

    /** The most recent rejections of this session, newest first. */
    public List<Rejection> lastRejections(int limit) {
        return database.transaction(c -> Rejections.latest(c, session, limit));
    }

    /** Work on this package's own tables ({@link KeptCounts}, {@link LocalStays}) in one transaction. */
    <T> T transaction(NodeDatabase.Work<T> work) {
        return database.transaction(work);
    }

    @Override
    public void close() {
        database.close();
    }

    /** Capacity events decided inside {@link #recordCapacity}'s transaction, at its clock's now. */
    @FunctionalInterface
    public interface CapacityDecision {
        List<Payload.Capacity> decide(Connection c, Instant now) throws SQLException;
    }
}
